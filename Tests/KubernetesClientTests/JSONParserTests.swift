import Testing
@testable import KubernetesClient
import VigilTestSupport

@Suite("JSON parser")
struct JSONParserTests {
    struct Accepted: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: JSONValue
        var testDescription: String { text }
    }

    @Test("parses valid documents", arguments: [
        Accepted(text: "null", expected: .null),
        Accepted(text: " true ", expected: .bool(true)),
        Accepted(text: "-0", expected: .int(0)),
        Accepted(text: "9223372036854775807", expected: .int(Int64.max)),
        Accepted(text: "9223372036854775808", expected: .double(9.223372036854775808e18)),
        Accepted(text: "1.5e3", expected: .double(1500)),
        Accepted(text: #""a\"b\\c\n\u00e9\ud83d\ude00""#, expected: .string("a\"b\\c\né😀")),
        Accepted(text: #"{"a":[1,{"b":null}],"c":"d"}"#, expected: ["a": [1, ["b": nil]], "c": "d"]),
        Accepted(text: "[]", expected: .array([])),
        Accepted(text: "{}", expected: .object([:])),
    ])
    func parsesValidDocuments(_ c: Accepted) throws {
        #expect(try JSONParser.parse(c.text) == c.expected)
    }

    struct Rejected: Sendable, CustomTestStringConvertible {
        let text: String
        let offset: Int
        let message: String
        var testDescription: String { text }
    }

    @Test("rejects malformed documents with the offset", arguments: [
        Rejected(text: "", offset: 0, message: "unexpected end of input"),
        Rejected(text: "{", offset: 1, message: "expected a string key"),
        Rejected(text: #"{"a" 1}"#, offset: 5, message: "expected ':' after object key"),
        Rejected(text: "[1,]", offset: 3, message: "unexpected character ']'"),
        Rejected(text: "01", offset: 1, message: "leading zero in number"),
        Rejected(text: #""abc"#, offset: 4, message: "unterminated string"),
        Rejected(text: #""\ud800""#, offset: 7, message: "unpaired surrogate in \\u escape"),
        Rejected(text: "tru", offset: 0, message: "unexpected end of input"),
        Rejected(text: "{} x", offset: 3, message: "unexpected data after the document"),
        Rejected(text: "\"a\u{01}\"", offset: 2, message: "control character in string"),
    ])
    func rejectsMalformedDocuments(_ c: Rejected) {
        #expect(throws: JSONSyntaxError(offset: c.offset, message: c.message)) { try JSONParser.parse(c.text) }
    }

    @Test("refuses nesting deeper than the limit instead of overflowing the stack")
    func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test("never traps on random mutations of a real object")
    func survivesMutations() {
        let seed = Array(#"{"kind":"Service","metadata":{"name":"a","labels":{"x":"y"}},"spec":{"ports":[{"port":80,"targetPort":"http"}]}}"#.utf8)
        var generator = SplitMix64(seed: 42)
        for _ in 0..<5_000 {
            var bytes = seed
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let index = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[index] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: index)
                default: bytes.insert(UInt8(truncatingIfNeeded: generator.next()), at: index)
                }
            }
            _ = try? JSONParser.parse(bytes)
        }
    }

    @Test("writes sorted keys and round-trips")
    func writesAndRoundTrips() throws {
        let value: JSONValue = ["b": [1, 2.5, "x\n\"y\""], "a": ["z": nil, "t": true]]
        #expect(value.jsonString == #"{"a":{"t":true,"z":null},"b":[1,2.5,"x\n\"y\""]}"#)
        #expect(try JSONParser.parse(value.serialized()) == value)
    }
}
