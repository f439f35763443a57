import FakeKubernetesAPIServer
import Foundation
import Testing

@Suite("Fake API server: JSON values")
struct FakeServerJSONTests {
    @Test(
        "numbers keep integers apart from doubles",
        arguments: [
            ("0", JSONValue.int(0)),
            ("-12", .int(-12)),
            ("9223372036854775807", .int(Int64.max)),
            ("9223372036854775808", .double(9_223_372_036_854_775_808)),
            ("1.0", .double(1)),
            ("2e3", .double(2000)),
            ("-0.5E-1", .double(-0.05)),
        ])
    func numbers(_ text: String, _ expected: JSONValue) throws {
        #expect(try JSONValue.decode(Data(text.utf8)) == expected)
    }

    @Test("strings decode escapes and surrogate pairs")
    func strings() throws {
        let text = #"["a\"b\\c\/d\n", "\u00e9", "\ud83d\ude00", "plain ünïcode"]"#
        #expect(try JSONValue.decode(Data(text.utf8)) == ["a\"b\\c/d\n", "é", "😀", "plain ünïcode"])
    }

    @Test(
        "malformed documents fail with the byte offset",
        arguments: [
            ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\" 1}", 5), ("01", 0), ("tru", 3), ("\"abc", 4), ("[1] x", 4),
            ("-", 1), ("1.", 2), ("\"\\x\"", 3),
        ])
    func malformed(_ text: String, _ offset: Int) {
        #expect(throws: JSONParseError.self) { try JSONValue.decode(Data(text.utf8)) }
        do {
            _ = try JSONValue.decode(Data(text.utf8))
        } catch {
            #expect(error.offset == offset, "\(text): \(error)")
        }
    }

    @Test("encoding round-trips exactly, resourceVersion-sized integers included")
    func roundTrip() throws {
        let value: JSONValue = [
            "metadata": ["resourceVersion": "123", "generation": 9_007_199_254_740_993],
            "spec": ["ratio": 0.25, "enabled": true, "nothing": nil, "list": [1, "two", [:]]],
        ]
        #expect(try JSONValue.decode(value.encoded()) == value)
    }
}
