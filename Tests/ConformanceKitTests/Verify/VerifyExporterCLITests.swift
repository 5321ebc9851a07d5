import Testing

/// `conformance verify-exporter` refuses bad flag values with a clear message and exit 2, before running anything.
@Suite("verify-exporter CLI flags", .serialized)
struct VerifyExporterCLITests {
    @Test(
        "a bad flag value exits 2 naming the flag",
        arguments: [
            (["--header", "novalue"], "--header must be NAME=VALUE"),
            (["--header", "content-type=text/plain"], "--header content-type"),
            (["--header", "x-a=1", "--header", "X-A=2"], "--header X-A is given twice"),
            (["--compression", "br"], "--compression must be gzip or none, got 'br'"),
            (["--timeout-tolerance-ms=-1"], "--timeout-tolerance-ms must be within 0...600000"),
            (["--tolerance-ms=-1"], "--tolerance-ms must be within 0...600000"),
            (["--protocol", "thrift"], "--protocol must be grpc, http/protobuf or http/json"),
        ])
    func badFlag(_ flags: [String], _ message: String) throws {
        let run = try ConformanceCLITests.run(["verify-exporter"] + flags + ["--", "true"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test("--no-stall-probe and the new flags are listed in --help")
    func help() throws {
        let run = try ConformanceCLITests.run(["verify-exporter", "--help"])
        #expect(run.status == 0)
        for flag in ["--header", "--compression", "--timeout-tolerance-ms", "--no-stall-probe"] {
            #expect(run.stdout.contains(flag), "\(flag) missing from --help")
        }
    }
}
