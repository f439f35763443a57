import Testing
@testable import Exposition

/// Runs a parser to the end; returns the entries or the error.
func parseAll<P: ExpositionParser>(_ parser: inout P) -> Result<[ExpositionEntry], ExpositionError> {
    var entries: [ExpositionEntry] = []
    do {
        while let entry = try parser.next() {
            entries.append(entry)
        }
        return .success(entries)
    } catch {
        return .failure(error)
    }
}

@Suite("OpenMetrics conformance")
struct OpenMetricsConformanceTests {
    @Test("every OpenMetrics parser case is classified as its test.json says", arguments: OpenMetricsCase.all())
    func classifies(_ testCase: OpenMetricsCase) {
        var parser = OpenMetricsParser(bytes: testCase.input)
        let result = parseAll(&parser)
        switch result {
        case .success:
            #expect(testCase.shouldParse, "\(testCase.name) parsed but should fail (\(testCase.comment ?? ""))")
        case .failure(let error):
            #expect(!testCase.shouldParse, "\(testCase.name) failed: \(error)")
        }
    }

    @Test("the conformance suite is complete and all cases pass")
    func summary() {
        let cases = OpenMetricsCase.all()
        var failures: [String] = []
        for testCase in cases {
            var parser = OpenMetricsParser(bytes: testCase.input)
            let parsed: Bool
            let detail: String
            switch parseAll(&parser) {
            case .success: (parsed, detail) = (true, "parsed")
            case .failure(let error): (parsed, detail) = (false, error.description)
            }
            if parsed != testCase.shouldParse {
                failures.append("\(testCase.name): expected shouldParse=\(testCase.shouldParse), got \(detail)")
            }
        }
        let passed = cases.count - failures.count
        print("openmetrics conformance: \(passed) passed, \(failures.count) failed")
        for failure in failures { print("  FAIL \(failure)") }
        #expect(cases.count == 211)
        #expect(failures.isEmpty)
    }
}
