#!/usr/bin/env python3
"""The conformance matrix's runner and table generator (Conformance/third-party/README.md).

    python3 matrix.py run --conformance BIN [--only GROUP]...   judge the rows, then write the table
    python3 matrix.py table                                      write the table from the reports already there

`run` judges each implementation of matrix.json (or only those of the given groups): an exporter row with
`conformance verify-exporter` (the manifest's settings, the same for every row), a hop row with `conformance run` on
its scenario. Each run is bounded (the manifest's timeLimitSeconds, then killed) and writes, under docs/matrix/,
ID.json (the report, `--report json`), ID.html (`--report html`) and ID.meta.json (when, how long, exit code).

`table` reads those JSON reports, never anything else about the results, and writes docs/conformance-matrix.md:
rule x implementation, each cell passed / failed / n/a with one line of evidence, then every failed cell with the
manifest's explanation and upstream issue (or "no upstream issue known"). A row that was never run is shown as not
run. Exit 0 when the matrix matches the manifest (every failed cell is a known finding, every known finding was seen,
every selected row ran), 1 otherwise, 2 for bad input. Standard library only.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MANIFEST = os.path.join(HERE, "matrix.json")
REPORTS = os.path.join(ROOT, "docs", "matrix")
DOCUMENT = os.path.join(ROOT, "docs", "conformance-matrix.md")

# Exporter rows: the verify-exporter probes, plus what the collector's wire rules and the run itself say.
EXPORTER_RULES = [
    ("wire", "the collector's wire rules (docs/harness-api.md): no violation on any export request"),
    ("batch-size", "no export request over `--batch-size`"),
    ("grpc-timeout", "gRPC: `grpc-timeout` is `--timeout-ms` ± 100 ms (1000x is `exporter.timeout-units`)"),
    ("stall", "the stalled second export is given up at `--timeout-ms` ± 250 ms, measured at the collector"),
    ("headers", "every export request carries `--header` (OTEL_EXPORTER_OTLP_HEADERS)"),
    ("compression", "every export request uses `--compression` (OTEL_EXPORTER_OTLP_COMPRESSION)"),
    ("delivery", "the collector accepted spans, and every span it accepted reads back"),
    ("exit", "the command exits 0 by itself"),
]
EXPORTER_PROBES = ["batch-size", "grpc-timeout", "stall", "headers", "compression"]

# Hop rows: the judge's rules (docs/judge-rules.md), in its order, after whether the scenario ran at all.
HOP_RULES = [
    ("scenario", "every service started and got ready; the traffic ran"),
    ("requests", "every traffic request answered 2xx"),
    ("sharedTrace", "one trace id per request along every edge of the topology"),
    ("spanKinds", "SERVER for requests received, CLIENT for calls made"),
    ("attributes", "the listed spans' attribute sets (only where the scenario lists them)"),
    ("propagation", "the configured formats on every hop, everything received carried on"),
    ("sampling", "root decisions and every hop following its parent"),
    ("batching", "no export over the service's batch size, full batches"),
    ("exportTimeout", "stalled exports given up in time (only with a stall in the fault plan)"),
    ("export.protocol", "every export in the configured protocol"),
    ("export.compression", "every export with the configured compression"),
    ("export.headers", "every export with the configured headers"),
    ("export.grpcTimeout", "`grpc-timeout` is the configured export timeout"),
    ("exportOnce", "no span exported twice"),
    ("resource", "each service exports under its own service.name"),
    ("noLoss", "every span of every request arrives once"),
    ("wire", "no wire violation on the services' export requests"),
    ("shutdown", "every service exits 0 after SIGTERM"),
]

ICONS = {"passed": "✅ passed", "failed": "❌ failed", "n/a": "➖ n/a", "off": "⚪ off", "not run": "⬜ not run"}


def load_manifest():
    with open(MANIFEST, encoding="utf-8") as file:
        manifest = json.load(file)
    ids = [impl["id"] for impl in manifest["implementations"]]
    if len(ids) != len(set(ids)):
        raise SystemExit("matrix.py: duplicate implementation ids in matrix.json")
    return manifest


def paths(impl_id):
    base = os.path.join(REPORTS, impl_id)
    return base + ".json", base + ".html", base + ".meta.json"


# MARK: run


def supports(conformance, subcommand, flag):
    try:
        result = subprocess.run(
            [conformance, subcommand, "--help"], capture_output=True, text=True, timeout=30, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return flag in result.stdout + result.stderr


def bounded(command, limit):
    """Runs command from the package root, killed past `limit` seconds: (exit code or None, seconds, stderr tail)."""
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=limit)
        return result.returncode, time.monotonic() - started, (result.stderr or "").strip().splitlines()[-5:]
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - started, [f"killed after {limit} s"]


def run_row(impl, manifest, conformance, html_flags):
    report, page, meta_path = paths(impl["id"])
    for stale in (report, page, meta_path):
        if os.path.exists(stale):
            os.remove(stale)
    meta = {"id": impl["id"], "startedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}
    if impl["kind"] == "exporter":
        settings = manifest["exporterSettings"]
        limit = settings["timeLimitSeconds"]
        program = os.path.join(ROOT, impl["command"][0])
        command = [program] + impl["command"][1:] + settings["driverArguments"]
        base = [conformance, "verify-exporter", "--protocol", impl["protocol"]] + settings["verifyArguments"]
        tail = ["--"] + command
        runs = [base + ["--report", "json", "--output", report]]
        if html_flags["verify-exporter"]:
            runs[0] += ["--html", page]
        else:  # a second run of the same command for the page; the table reads the JSON run only
            runs.append(base + ["--report", "html", "--output", page])
        runs = [each + tail for each in runs]
        missing = None if os.access(program, os.X_OK) else f"{impl['command'][0]} is missing (not built or not installed)"
    else:
        limit = manifest["hopSettings"]["timeLimitSeconds"]
        scenario = os.path.join(ROOT, impl["scenario"])
        runs = [[conformance, "run", scenario, "--report", "json", "--output", report]]
        if html_flags["run"]:
            runs[0] += ["--html", page]
        else:
            runs.append([conformance, "run", scenario, "--report", "html", "--output", page])
        missing = None
    meta["command"] = [os.path.relpath(part, ROOT) if part.startswith(ROOT) else part for part in runs[0]]
    if missing:
        meta.update(exitCode=None, durationSeconds=0, error=missing)
    else:
        code, seconds, stderr = bounded(runs[0], limit)
        meta.update(exitCode=code, durationSeconds=round(seconds, 1))
        if code not in (0, 1) or not os.path.exists(report):
            meta["error"] = " / ".join(stderr) or f"exit {code}, no report written"
        for extra in runs[1:]:
            bounded(extra, limit)
    with open(meta_path, "w", encoding="utf-8") as file:
        json.dump(meta, file, indent=2, sort_keys=True)
        file.write("\n")
    state = meta.get("error") or f"exit {meta['exitCode']}"
    print(f"matrix: {impl['id']}: {state} ({meta['durationSeconds']} s)", file=sys.stderr)


# MARK: cells


def one_line(text, limit=170):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def exporter_cells(report, spans_emitted):
    findings = report.get("findings", [])
    probes = {probe["name"]: probe for probe in report.get("probes", [])}
    cells = {}
    wire = [f for f in findings if not f["ruleId"].startswith("exporter.") and f["ruleId"] != "batch.size"]
    violations = [f for f in wire if f["severity"] == "violation"]
    requests = report.get("requestCount", 0)
    if violations:
        first = violations[0]
        cells["wire"] = ("failed", f"{first['ruleId']}: {first['message']} ({first.get('evidence', '')})")
    elif wire:
        cells["wire"] = ("passed", f"{requests} export requests, warnings only: "
                         + ", ".join(sorted({f['ruleId'] for f in wire})))
    else:
        cells["wire"] = ("passed", f"{requests} export requests, no wire finding")
    for name in EXPORTER_PROBES:
        probe = probes.get(name)
        if probe is None:
            cells[name] = ("n/a", "probe not in this report")
            continue
        detail = probe["detail"]
        own = [f for f in findings if f["ruleId"] in probe.get("ruleIds", [])]
        if probe["outcome"] == "not-run":
            cells[name] = ("n/a", detail)
        elif probe["outcome"] == "failed":
            first = next(f for f in own if f["severity"] == "violation")
            cells[name] = ("failed", f"{detail}; {first['ruleId']}: {first['message']}")
        elif probe["outcome"] == "warning":
            cells[name] = ("passed", f"{detail} (warning: {own[0]['ruleId']}: {own[0]['message']})")
        else:
            cells[name] = ("passed", detail)
    lost = [f for f in findings if f["ruleId"] in ("exporter.nothing-exported", "exporter.spans-unreadable")]
    delivery = (f"{spans_emitted} spans emitted, {report.get('spansExported', 0)} exported in {requests} requests, "
                f"{report.get('spansQueried', 0)} read back")
    if lost:
        cells["delivery"] = ("failed", f"{lost[0]['message']}; {delivery}")
    elif report.get("spansExported", 0) == 0:
        cells["delivery"] = ("failed", f"the collector accepted no span; {delivery}")
    else:
        cells["delivery"] = ("passed", delivery)
    status, killed = report.get("exitStatus"), report.get("killed")
    if status == 0 and not killed:
        cells["exit"] = ("passed", "exit 0")
    else:
        last = " | ".join(report.get("output", [])[-2:])
        cells["exit"] = ("failed", f"exit {status}{' (killed)' if killed else ''}: {last}")
    return cells


def hop_cells(report):
    scenario = report["scenarios"][0]
    cells = {}
    if scenario.get("error"):
        # A service that died says why in its output (a Swift fatal error, a Python traceback's last line).
        said = [line for service in scenario.get("services", []) for line in service.get("output", [])
                if "Fatal error" in line or "Error:" in line]
        cells["scenario"] = ("failed", scenario["error"] + (f": {said[0].removeprefix('err| ')}" if said else ""))
    else:
        cells["scenario"] = ("passed", f"{scenario['requestsSent']} requests sent, {scenario['spanCount']} spans in "
                             f"{scenario['traceCount']} traces, {scenario['durationSeconds']:.1f} s")
    by_id = {}
    for expectation in scenario.get("expectations", []):
        key = "attributes" if expectation["id"].startswith("attributes[") else expectation["id"]
        by_id.setdefault(key, []).append(expectation)
    mapping = {"passed": "passed", "failed": "failed", "not-applicable": "n/a", "off": "off"}
    for rule, _ in HOP_RULES[1:]:
        expectations = by_id.get(rule)
        if not expectations:
            why = "not judged: the scenario did not run" if scenario.get("error") else "not listed in the scenario"
            cells[rule] = ("n/a", why)
            continue
        failed = [e for e in expectations if e["status"] == "failed"]
        chosen = failed[0] if failed else expectations[0]
        status = mapping.get(chosen["status"], chosen["status"])
        summary = chosen["summary"]
        if len(expectations) > 1:
            summary = f"{chosen['id']}: {summary} ({len(expectations)} entries)"
        cells[rule] = (status, summary)
    return cells


def load_row(impl, spans_emitted):
    """(cells or None, meta, why not) for one implementation, from its reports."""
    report_path, _, meta_path = paths(impl["id"])
    meta = {}
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as file:
            meta = json.load(file)
    if meta.get("error") or not os.path.exists(report_path):
        return None, meta, meta.get("error") or "never run (no report under docs/matrix/)"
    with open(report_path, encoding="utf-8") as file:
        report = json.load(file)
    cells = exporter_cells(report, spans_emitted) if impl["kind"] == "exporter" else hop_cells(report)
    return cells, meta, None


# MARK: document


def cell_text(status, evidence):
    text = one_line(evidence).replace("|", "\\|")
    return f"{ICONS[status]}: {text}" if text else ICONS[status]


def link_list(links):
    return ", ".join(f"[{issue_name(link['url'])}]({link['url']}) ({link['state']})" for link in links)


def issue_name(url):
    parts = url.rstrip("/").split("/")
    if len(parts) >= 7 and parts[2] == "github.com" and parts[5] in ("issues", "pull"):
        return f"{parts[3]}/{parts[4]}#{parts[6]}"
    return url


def table(rules, rows, results):
    header = "| rule | " + " | ".join(f"[{impl['id']}](matrix/{impl['id']}.html)" for impl in rows) + " |"
    lines = [header, "|---|" + "---|" * len(rows)]
    for rule, what in rules:
        cells = []
        for impl in rows:
            row_cells, _, why = results[impl["id"]]
            if row_cells is None:
                cells.append(cell_text("not run", why))
            else:
                cells.append(cell_text(*row_cells.get(rule, ("n/a", ""))))
        lines.append(f"| `{rule}`: {what} | " + " | ".join(cells) + " |")
    return lines


def legend(rows, results, manifest):
    lines = ["| id | implementation | pinned | run as | judged | time |", "|---|---|---|---|---|---|"]
    for impl in rows:
        _, meta, why = results[impl["id"]]
        if impl["kind"] == "exporter":
            how = f"`{' '.join(impl['command'])}` (protocol {impl['protocol']})"
        else:
            how = f"`{impl['scenario']}`"
        when = meta.get("startedAt", "never")
        seconds = meta.get("durationSeconds")
        took = f"{seconds} s" if seconds is not None and not why else "—"
        pinned = f"{impl['package']} {impl['version']} ({impl['requirements']})"
        lines.append(f"| [{impl['id']}](matrix/{impl['id']}.html) | [{impl['title']}]({impl['project']}) | {pinned} "
                     f"| {how} | {when} | {took} |")
    return lines


def findings_section(manifest, results):
    lines, differences = [], []
    for impl in manifest["implementations"]:
        row_cells, _, why = results[impl["id"]]
        known = impl.get("findings", {})
        notes = impl.get("notes", {})
        if row_cells is None:
            continue
        for rule, (status, evidence) in row_cells.items():
            if status == "failed":
                finding = known.get(rule)
                head = f"- **{impl['id']}** ({impl['package']} {impl['version']}), `{rule}`: "
                if finding is None:
                    lines.append(head + f"not yet explained (no entry in matrix.json). Evidence: {one_line(evidence, 400)}")
                    differences.append(f"{impl['id']} / {rule}: failed, but matrix.json lists no such finding")
                    continue
                kind = "a bug of that project" if finding.get("bug") else "a limitation, not a bug"
                text = head + f"{finding['explanation']} ({kind}). Evidence: {one_line(evidence, 400)}. "
                if finding.get("bug"):
                    if finding.get("upstream"):
                        text += "Upstream: " + link_list(finding["upstream"]) + "."
                    else:
                        text += "No upstream issue known."
                        if finding.get("related"):
                            text += " Related: " + link_list(finding["related"]) + "."
                elif finding.get("upstream"):
                    text += "Upstream: " + link_list(finding["upstream"]) + "."
                lines.append(text)
            if rule in notes:
                lines.append(f"- **{impl['id']}**, `{rule}` ({status}), note: {notes[rule]}")
        for rule in known:
            if row_cells.get(rule, ("n/a",))[0] != "failed":
                differences.append(f"{impl['id']} / {rule}: matrix.json expects a failure, the run shows "
                                   f"{row_cells.get(rule, ('n/a', ''))[0]}")
    return lines, differences


def write_document(manifest, selected_ids=None):
    settings = manifest["exporterSettings"]
    results = {impl["id"]: load_row(impl, settings["spansEmitted"]) for impl in manifest["implementations"]}
    exporters = [impl for impl in manifest["implementations"] if impl["kind"] == "exporter"]
    hops = [impl for impl in manifest["implementations"] if impl["kind"] == "hop"]
    findings, differences = findings_section(manifest, results)
    for impl in manifest["implementations"]:
        if results[impl["id"]][0] is None and (selected_ids is None or impl["id"] in selected_ids):
            differences.append(f"{impl['id']}: not run ({results[impl['id']][2]})")
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    verify = " ".join(settings["verifyArguments"])
    out = [
        "# Conformance matrix: third-party OpenTelemetry implementations",
        "",
        f"Generated by `bash scripts/matrix.sh` ({now}) from the JSON reports under [matrix/](matrix/); do not edit by "
        "hand. What is judged, how each implementation is run and the pinned versions: "
        "[Conformance/third-party/README.md](../Conformance/third-party/README.md) and "
        "[matrix.json](../Conformance/third-party/matrix.json). Each column links its HTML report.",
        "",
        "Cells: ✅ passed, ❌ failed, ➖ n/a (the rule has nothing to judge there, with why), ⬜ not run (the row was "
        "not run in any generation kept under docs/matrix/, e.g. not built).",
        "",
        "## Exporters (`conformance verify-exporter`)",
        "",
        f"Every row: `conformance verify-exporter --protocol P {verify} -- DRIVER "
        f"{' '.join(settings['driverArguments'])}` ({settings['spansEmitted']} spans in a few traces; the driver "
        "builds the exporter from the OTEL_* variables only and shuts down, which flushes).",
        "",
    ]
    out += table(EXPORTER_RULES, exporters, results)
    out += ["", "## Hop services and collectors (`conformance run`)", "",
            "Every row: an A -> B -> C scenario under `Conformance/third-party/scenarios/` with the implementation "
            "as B (or, for a collector, in the export path), B exporting gRPC, batch 8, timeout 500 ms, gzip, header "
            "x-matrix=1; traffic carries a sampled traceparent, a tracestate and baggage in.", ""]
    out += table(HOP_RULES, hops, results)
    out += ["", "## Implementations", ""]
    out += legend(exporters + hops, results, manifest)
    out += ["", "## Findings", "",
            "Every failed cell, with what it is and, for a bug of that project, its upstream issue.", ""]
    out += findings or ["No failed cell."]
    out += ["", "## Differences from the manifest", ""]
    out += [f"- {line}" for line in differences] or [
        "None: every failed cell is a finding matrix.json knows, and every finding it knows was seen."]
    os.makedirs(os.path.dirname(DOCUMENT), exist_ok=True)
    with open(DOCUMENT, "w", encoding="utf-8") as file:
        file.write("\n".join(out) + "\n")
    print(f"matrix: wrote {os.path.relpath(DOCUMENT, ROOT)}", file=sys.stderr)
    for line in differences:
        print(f"matrix: difference: {line}", file=sys.stderr)
    return 1 if differences else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="judge the rows, then write the table")
    run.add_argument("--conformance", required=True, help="the built conformance executable")
    run.add_argument("--only", action="append", default=[], help="only the rows of this group (repeatable)")
    commands.add_parser("table", help="write the table from the reports under docs/matrix/")
    args = parser.parse_args()
    manifest = load_manifest()
    if args.command == "table":
        return write_document(manifest)
    groups = {impl["group"] for impl in manifest["implementations"]}
    unknown = [group for group in args.only if group not in groups]
    if unknown:
        print(f"matrix.py: unknown group {', '.join(unknown)} (groups: {', '.join(sorted(groups))})", file=sys.stderr)
        return 2
    selected = [impl for impl in manifest["implementations"] if not args.only or impl["group"] in args.only]
    os.makedirs(REPORTS, exist_ok=True)
    html_flags = {name: supports(args.conformance, name, "--html") for name in ("run", "verify-exporter")}
    for impl in selected:
        run_row(impl, manifest, args.conformance, html_flags)
    return write_document(manifest, {impl["id"] for impl in selected})


if __name__ == "__main__":
    sys.exit(main())
