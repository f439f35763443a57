import Testing
@testable import Operator

@Suite("Synthetic inference knobs")
struct SyntheticInferenceKnobsTests {
    struct ValidCase: Sendable, CustomTestStringConvertible {
        let query: [String: String]
        let expected: SyntheticInferenceKnobs
        var testDescription: String { "\(query)" }
    }

    static let validCases: [ValidCase] = [
        ValidCase(query: ["errorRatio": "0.05", "latency": "0.4"], expected: .init(errorRatio: 0.05, extraLatency: 0.4)),
        ValidCase(query: ["errorRatio": "1"], expected: .init(errorRatio: 1, extraLatency: 0)),
        ValidCase(query: ["latency": "2.5"], expected: .init(errorRatio: 0.0005, extraLatency: 2.5)),
        ValidCase(query: [:], expected: .healthy),
    ]

    @Test("a control query changes only the knobs it names", arguments: validCases)
    func validQuery(_ testCase: ValidCase) throws {
        let query = testCase.query.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        #expect(try SyntheticInferenceKnobs.healthy.applying(query: query) == testCase.expected)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        let name: String
        let value: String
        let error: SyntheticInferenceKnobsError
        var testDescription: String { "\(name)=\(value)" }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(name: "errorRatio", value: "abc", error: .notANumber(parameter: "errorRatio", value: "abc")),
        InvalidCase(name: "errorRatio", value: "1.5", error: .outOfRange(parameter: "errorRatio", value: "1.5", range: "0…1")),
        InvalidCase(name: "errorRatio", value: "-0.1", error: .outOfRange(parameter: "errorRatio", value: "-0.1", range: "0…1")),
        InvalidCase(name: "errorRatio", value: "nan", error: .notANumber(parameter: "errorRatio", value: "nan")),
        InvalidCase(name: "latency", value: "inf", error: .notANumber(parameter: "latency", value: "inf")),
        InvalidCase(name: "latency", value: "61", error: .outOfRange(parameter: "latency", value: "61", range: "0…60 seconds")),
        InvalidCase(name: "errorratio", value: "0.1", error: .unknownParameter("errorratio")),
    ]

    @Test("a bad control query is refused with the parameter named", arguments: invalidCases)
    func invalidQuery(_ testCase: InvalidCase) {
        #expect(throws: testCase.error) {
            try SyntheticInferenceKnobs.healthy.applying(query: [(name: testCase.name, value: testCase.value)])
        }
        #expect(testCase.error.description.contains(testCase.name))
    }

    @Test("knobs built in code are clamped into range instead of trapping")
    func clamping() {
        #expect(SyntheticInferenceKnobs(errorRatio: 7, extraLatency: -1) == .init(errorRatio: 1, extraLatency: 0))
        #expect(SyntheticInferenceKnobs(errorRatio: .nan, extraLatency: .infinity).extraLatency == 60)
        #expect(SyntheticInferenceKnobs(errorRatio: .nan, extraLatency: 0).errorRatio == 0)
    }
}
