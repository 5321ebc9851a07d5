import CelloTelemetry
import Testing

@Suite("W3C baggage propagation")
struct W3CBaggagePropagatorTests {
    let propagator = W3CBaggagePropagator()

    @Test("the spec's example header is parsed with properties kept")
    func specExample() throws {
        let header = "key1=value1;property1;property2, key2 = value2, key3=value3; propertyKey=propertyValue"
        let baggage = try #require(propagator.extract(["baggage": header]).baggage)
        #expect(baggage["key1"] == "value1")
        #expect(baggage["key2"] == "value2")
        #expect(baggage["key3"] == "value3")
        #expect(baggage.entries.first?.metadata == "property1;property2")
    }

    @Test("values are percent-decoded; malformed members are skipped")
    func decodingAndSkipping() throws {
        let baggage = try #require(
            propagator.extract(["baggage": "user=J%C3%BCrgen%20K,bad key=1,=novalue,ok=1,esc=%zz"]).baggage)
        #expect(baggage["user"] == "Jürgen K")
        #expect(baggage["ok"] == "1")
        #expect(baggage.entries.count == 2)
    }

    @Test("inject percent-encodes and round-trips")
    func roundTrip() throws {
        var baggage = Baggage()
        baggage["user"] = "a b,c;d"
        baggage["n"] = "1"
        let headers = propagator.inject(nil, baggage: baggage)
        let header = try #require(headers["baggage"])
        #expect(!header.contains(" "))
        #expect(propagator.extract(headers).baggage == baggage)
    }

    @Test(
        "properties that break the grammar are dropped and the entry kept, so they are never sent on",
        arguments: ["k=v;p\u{1}", "k=v;\u{FC}ber", "k=v;a=\"q\"", "k=v;a b"])
    func badProperties(_ header: String) throws {
        let baggage = try #require(propagator.extract(["baggage": header]).baggage)
        #expect(baggage["k"] == "v")
        #expect(baggage.entries.first?.metadata == nil)
        #expect(propagator.inject(nil, baggage: baggage)["baggage"] == "k=v")
        var built = Baggage()
        built.set(Baggage.Entry(key: "k", value: "v", metadata: "p\r\nx: y"))
        #expect(propagator.inject(nil, baggage: built)["baggage"] == "k=v")
    }

    @Test("at most 64 members are injected")
    func memberLimit() throws {
        var baggage = Baggage()
        for i in 0..<70 { baggage["k\(i)"] = "v" }
        let header = try #require(propagator.inject(nil, baggage: baggage)["baggage"])
        #expect(header.split(separator: ",").count == 64)
    }
}
