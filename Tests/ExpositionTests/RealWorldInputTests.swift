import Testing
@testable import Exposition

/// The number of sample lines counted independently of the parsers: lines that are not
/// blank and do not start with `#` after leading blanks.
func countSampleLines(_ bytes: [UInt8]) -> Int {
    String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).filter { line in
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }.count
}

func samples(in entries: [ExpositionEntry]) -> [ExpositionSample] {
    entries.compactMap { if case .sample(let sample) = $0 { sample } else { nil } }
}

@Suite("real-world inputs from Prometheus 2.42")
struct RealWorldInputTests {
    static let textFiles = [
        "promtestdata.txt", "promtestdata.nometa.txt", "benchmark/alltypes.237mfs.prom.txt",
        "benchmark/alltypes.237mfs.nometa.prom.txt", "promtool/metrics-test.prom",
    ] + TextparseData.files(in: "fuzz-corpus/ParseMetric")

    @Test("the text parser reads every real-world file with the expected sample count", arguments: textFiles)
    func textParserReads(_ path: String) throws {
        let bytes = try #require(TextparseData.bytes(path), "missing \(path)")
        var parser = TextParser(bytes: bytes)
        let entries = try parseAll(&parser).get()
        #expect(samples(in: entries).count == countSampleLines(bytes))
    }

    @Test("promtestdata.txt has the 410 samples Prometheus's benchmark assumes")
    func promtestdataCount() throws {
        let bytes = try #require(TextparseData.bytes("promtestdata.txt"))
        var parser = TextParser(bytes: bytes)
        let entries = try parseAll(&parser).get()
        #expect(samples(in: entries).count == 410)
        let helps = entries.filter { if case .help = $0 { true } else { false } }
        let types = entries.filter { if case .type = $0 { true } else { false } }
        #expect(helps.count == 59)
        #expect(types.count == 59)
    }

    @Test(
        "the OpenMetrics parser reads the OpenMetrics benchmark files as Prometheus does",
        arguments: ["benchmark/1histogram.om.txt", "benchmark/alltypes.5mfs.om.txt"])
    func openMetricsParserReads(_ path: String) throws {
        let bytes = try #require(TextparseData.bytes(path), "missing \(path)")
        var parser = OpenMetricsParser(bytes: bytes, options: .prometheusCompatible)
        let entries = try parseAll(&parser).get()
        #expect(samples(in: entries).count == countSampleLines(bytes))
    }

    @Test("strict validation accepts the histogram benchmark file")
    func strictHistogram() throws {
        let bytes = try #require(TextparseData.bytes("benchmark/1histogram.om.txt"))
        var parser = OpenMetricsParser(bytes: bytes)
        let entries = try parseAll(&parser).get()
        #expect(samples(in: entries).count == countSampleLines(bytes))
    }

    // client_golang's example exposes a histogram with negative buckets and a negative
    // `_sum`; the OpenMetrics 1.0 rules (and the reference parser) reject `_sum` there.
    @Test("strict validation rejects a negative histogram _sum from client_golang, with its line")
    func strictRejectsNegativeSum() throws {
        let bytes = try #require(TextparseData.bytes("benchmark/alltypes.5mfs.om.txt"))
        var parser = OpenMetricsParser(bytes: bytes)
        let error = try #require(throws: ExpositionError.self) { try parseAll(&parser).get() }
        #expect(error.description == "line 33, column 1: _sum values must not be negative")
    }

    @Test(
        "without family validation the OpenMetrics parser accepts what Prometheus's does",
        arguments: ["promtestdata.txt", "promtestdata.nometa.txt"])
    func lenientOpenMetrics(_ path: String) throws {
        let bytes = try #require(TextparseData.bytes(path))
        var parser = OpenMetricsParser(bytes: bytes, options: .init(validatesFamilies: false))
        let entries = try parseAll(&parser).get()
        #expect(samples(in: entries).count == 410)
    }

    @Test("the fuzz corpus entry with blanks everywhere keeps its labels")
    func blanksInsideBraces() throws {
        var parser = TextParser("go_gc_duration_seconds { quantile = \"1.0\", a = \"b\" } 8.3835e-05\n")
        let entry = try parser.next()
        let expected = Labels(["__name__": "go_gc_duration_seconds", "quantile": "1.0", "a": "b"])
        #expect(entry == .sample(ExpositionSample(labels: expected, value: 8.3835e-05)))
    }
}
