/// The frame of every HTML report: one self-contained document with its style and a few lines of script inline.
/// Nothing is loaded from anywhere (no link, no image, no font, no script source), so the file opens offline.
enum HTMLPage {
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        \(body)
        <script>
        \(script)
        </script>
        </body>
        </html>

        """
    }

    /// Status pill: `passed`, `FAILED`, `n/a`, `off`.
    static func pill(_ status: ExpectationResult.Status) -> String {
        switch status {
        case .passed: "<span class=\"pill pass\">passed</span>"
        case .failed: "<span class=\"pill fail\">failed</span>"
        case .notApplicable: "<span class=\"pill na\">n/a</span>"
        case .off: "<span class=\"pill off\">off</span>"
        }
    }

    /// Clicking a link to a span row or an expectation opens it and flashes it; so does opening the page at one.
    static let script = """
        (function () {
          function reveal(id) {
            var target = id && document.getElementById(id);
            if (!target) return;
            for (var node = target; node; node = node.parentElement) {
              if (node.tagName === 'DETAILS') node.open = true;
            }
            target.classList.remove('flash');
            void target.offsetWidth;
            target.classList.add('flash');
          }
          document.addEventListener('click', function (event) {
            var link = event.target.closest && event.target.closest('a[href^="#"]');
            if (link) reveal(decodeURIComponent(link.getAttribute('href').slice(1)));
          });
          if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));
        })();
        """

    static let css = """
        :root {
          --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #eef1f4; --bg: #f6f8fa; --card: #ffffff;
          --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --na: #9a6700; --na-bg: #fff8c5;
          --off: #59636e; --off-bg: #eaeef2; --link: #0969da;
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
        main { max-width: 1440px; margin: 0 auto; padding: 20px 24px 48px; }
        code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
        a { color: var(--link); text-decoration: none; }
        a:hover { text-decoration: underline; }
        h1 { font-size: 22px; margin: 0; }
        h2 { font-size: 18px; margin: 0; }
        h3 { font-size: 13px; margin: 18px 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin-bottom: 18px; }
        .muted { color: var(--muted); }
        .report-head { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 28px; }
        .report-head .title { display: flex; align-items: center; gap: 12px; flex: 1 1 320px; }
        .stats { display: flex; gap: 10px; flex-wrap: wrap; }
        .stat { border: 1px solid var(--line); border-radius: 8px; padding: 6px 14px; min-width: 96px; background: var(--bg); }
        .stat b { display: block; font-size: 20px; }
        .stat.pass b { color: var(--pass); } .stat.fail b { color: var(--fail); }
        .verdict { font-weight: 700; font-size: 13px; padding: 4px 12px; border-radius: 999px; letter-spacing: .03em; }
        .verdict.pass { background: var(--pass-bg); color: var(--pass); border: 1px solid #aceebb; }
        .verdict.fail { background: var(--fail-bg); color: var(--fail); border: 1px solid #ffcecb; }
        .pill { display: inline-block; min-width: 52px; text-align: center; font-size: 11.5px; font-weight: 700;
          padding: 1px 8px; border-radius: 999px; text-transform: uppercase; letter-spacing: .03em; }
        .pill.pass { background: var(--pass-bg); color: var(--pass); } .pill.fail { background: var(--fail); color: #fff; }
        .pill.na { background: var(--na-bg); color: var(--na); } .pill.off { background: var(--off-bg); color: var(--off); }
        #failures { border-left: 5px solid var(--fail); }
        #failures.none { border-left-color: var(--pass); }
        #failures h2 { margin-bottom: 8px; }
        #failures ol { margin: 0; padding-left: 22px; }
        #failures li { margin: 6px 0; }
        #failures .summary { display: block; color: var(--fg); }
        table { border-collapse: collapse; }
        .grid { width: 100%; }
        .grid th, .grid td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--soft); vertical-align: top; }
        .grid th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); }
        .num { text-align: right !important; font-variant-numeric: tabular-nums; }
        .scenario-head { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
        .scenario-head .meta { margin-left: auto; }
        .scenario.failed { border-top: 4px solid var(--fail); } .scenario.passed { border-top: 4px solid var(--pass); }
        .error-box { background: var(--fail-bg); color: #82071e; border: 1px solid #ffcecb; border-radius: 6px; padding: 8px 12px; margin-top: 10px; white-space: pre-wrap; }
        .chip { display: inline-block; border: 1px solid var(--line); background: var(--bg); border-radius: 6px; padding: 0 6px; margin: 1px 2px 1px 0; font-size: 12px; }
        .chip b { font-weight: 600; color: var(--muted); }
        .node { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; }
        .edges { margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 6px 14px; }
        .edge { background: var(--bg); border: 1px solid var(--line); border-radius: 999px; padding: 2px 10px; }
        .body-grid { display: grid; grid-template-columns: minmax(0, 1fr) 420px; gap: 20px; align-items: start; }
        @media (max-width: 1100px) { .body-grid { grid-template-columns: minmax(0, 1fr); } }
        .trace { margin-bottom: 16px; }
        .trace-head { display: flex; gap: 10px; align-items: center; margin-bottom: 4px; flex-wrap: wrap; }
        .trace-head code { color: var(--muted); }
        .waterfall { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
        .wf-axis, .span-row > summary { display: grid; grid-template-columns: minmax(240px, 42%) minmax(0, 1fr) 76px; align-items: center; gap: 10px; padding: 0 10px; }
        .wf-axis { background: var(--bg); border-bottom: 1px solid var(--line); font-size: 11.5px; color: var(--muted); height: 26px; }
        .wf-axis .track { height: 26px; background-image: none; }
        .tick { position: absolute; top: 5px; transform: translateX(-50%); white-space: nowrap; }
        .tick.first { transform: none; } .tick.last { transform: translateX(-100%); }
        .span-row > summary { list-style: none; cursor: pointer; min-height: 28px; border-bottom: 1px solid var(--soft); }
        .span-row > summary::-webkit-details-marker { display: none; }
        .span-row > summary:hover { background: #f3f6fa; }
        .span-row[open] > summary { background: #eef4fb; }
        .span-row.highlight > summary { background: #fff1f0; box-shadow: inset 4px 0 0 var(--fail); }
        .span-row.flash > summary, .expectation.flash { animation: flash 1.6s ease-out; }
        @keyframes flash { 0% { background: #ffe58f; } 100% { } }
        .wf-label { display: flex; align-items: center; gap: 6px; min-width: 0; white-space: nowrap; overflow: hidden; }
        .span-dur { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); font-size: 12.5px; }
        .svc-name { font-weight: 600; }
        .span-name { overflow: hidden; text-overflow: ellipsis; }
        .svc-dot { flex: none; width: 10px; height: 10px; border-radius: 3px; display: inline-block; }
        .kind { flex: none; font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .03em;
          border-radius: 4px; padding: 0 5px; background: var(--soft); color: var(--muted); }
        .kind-server { background: #ddf4ff; color: #0550ae; } .kind-client { background: #fbefff; color: #6639ba; }
        .badge-error { flex: none; font-size: 10.5px; font-weight: 700; color: #fff; background: var(--fail); border-radius: 4px; padding: 0 5px; text-transform: uppercase; }
        .badge-failed { flex: none; font-weight: 800; color: var(--fail); border: 1.5px solid var(--fail); border-radius: 50%; width: 17px; height: 17px; line-height: 14px; text-align: center; font-size: 11px; }
        .orphan { flex: none; font-size: 11px; color: var(--na); }
        .track { position: relative; height: 20px;
          background-image: linear-gradient(to right, var(--soft) 1px, transparent 1px); background-size: 25% 100%; }
        .span-bar, .export-bar { position: absolute; top: 4px; height: 12px; border-radius: 3px; min-width: 3px; }
        .span-bar.kind-client, .swatch.striped { background-image: repeating-linear-gradient(135deg, rgba(255,255,255,.42) 0 3px, transparent 3px 7px); }
        .span-bar.kind-internal, .span-bar.kind-producer, .span-bar.kind-consumer { top: 6px; height: 8px; }
        .span-bar.error, .swatch.erroring { box-shadow: 0 0 0 2px var(--fail); }
        .span-bar.highlight { outline: 2px solid var(--fail); outline-offset: 2px; }
        .svc-0 { background-color: #4e79a7; } .svc-1 { background-color: #f28e2b; } .svc-2 { background-color: #59a14f; }
        .svc-3 { background-color: #b07aa1; } .svc-4 { background-color: #e15759; } .svc-5 { background-color: #76b7b2; }
        .svc-6 { background-color: #9c755f; } .svc-7 { background-color: #bab0ac; }
        .span-details { display: flex; flex-wrap: wrap; gap: 12px 28px; padding: 10px 14px 12px 34px; background: #fafbfc; border-bottom: 1px solid var(--line); }
        .kv th { text-align: left; font-weight: 600; color: var(--muted); padding: 2px 12px 2px 0; vertical-align: top; font-size: 12.5px; }
        .kv td { padding: 2px 10px 2px 0; vertical-align: top; word-break: break-all; }
        .kv .type { color: var(--muted); font-size: 11.5px; }
        .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; color: var(--muted); margin: 4px 0 10px; align-items: center; }
        .legend > span { display: inline-flex; align-items: center; gap: 5px; }
        .legend .swatch { width: 22px; height: 10px; border-radius: 3px; position: static; display: inline-block; }
        .legend .swatch.thin { height: 6px; }
        .expectations h3 { margin-top: 0; }
        .expectation { border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 6px; padding: 8px 10px; margin-bottom: 8px; background: var(--card); }
        .expectation.passed { border-left-color: var(--pass); } .expectation.failed { border-left-color: var(--fail); background: #fffafa; }
        .expectation.not-applicable { border-left-color: #d4a72c; } .expectation.off { border-left-color: #8c959f; }
        .exp-head { display: flex; gap: 8px; align-items: baseline; }
        .exp-head code { font-weight: 700; font-size: 13px; word-break: break-all; }
        .exp-summary { margin: 4px 0 0; overflow-wrap: anywhere; }
        .evidence-box { margin-top: 4px; }
        .evidence-box > summary { cursor: pointer; color: var(--muted); font-size: 12px; }
        .evidence { margin: 6px 0 0; padding: 6px 8px 6px 22px; background: var(--bg); border-radius: 4px; max-height: 240px; overflow: auto; }
        .evidence li { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12px; overflow-wrap: anywhere; }
        .about { margin-top: 6px; font-size: 12.5px; }
        .about .chip { display: inline-block; margin: 2px 4px 2px 0; }
        .about a.chip { border-color: #f5b5b0; background: #fff5f4; color: #a40e26; }
        .about a, .about .chip { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12px; }
        .counts { font-size: 12.5px; color: var(--muted); margin-bottom: 8px; }
        details.output { margin-top: 6px; }
        details.output > summary { cursor: pointer; color: var(--muted); }
        pre { background: #0d1117; color: #e6edf3; padding: 10px 12px; border-radius: 6px; overflow: auto; max-height: 360px; white-space: pre-wrap; overflow-wrap: anywhere; }
        .size-track { position: relative; height: 16px; background: var(--soft); border-radius: 3px; min-width: 160px; }
        .size-bar { position: absolute; left: 0; top: 0; bottom: 0; background: #4e79a7; border-radius: 3px; }
        .size-bar.over { background: var(--fail); }
        .limit { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--fg); }
        tr.flagged td { background: #fff1f0; }
        .findings td:nth-child(2) code { white-space: nowrap; }
        """
}
