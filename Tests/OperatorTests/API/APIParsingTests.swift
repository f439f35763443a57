@testable import Operator
import Testing

/// Parameters, timestamps and durations read as Prometheus reads them.
@Suite struct APIParsingTests {
    @Test(arguments: [
        ("100", Int64(100_000)), ("100.05", 100_050), ("-5.5", -5_500), ("0.0001", 0), ("1e3", 1_000_000),
        ("1700000000.123", 1_700_000_000_123), ("2020-01-01T00:00:00Z", 1_577_836_800_000),
        ("2020-01-01T00:00:00.5Z", 1_577_836_800_500), ("2020-01-01T01:00:00+01:00", 1_577_836_800_000),
        ("1969-12-31T23:59:59.999Z", -1), ("2020-02-29T12:00:00.123456789Z", 1_582_977_600_123),
        ("-292273086-05-16T16:47:06Z", APITimeParsing.minimumTime),
        ("292277025-08-18T07:12:54.999999999Z", APITimeParsing.maximumTime),
    ])
    func timestampsParse(_ text: String, _ milliseconds: Int64) throws {
        #expect(try APITimeParsing.timestamp(text) == milliseconds)
    }

    @Test(arguments: ["", "abc", "NaN", "1e300", "2020-13-01T00:00:00Z", "2021-02-29T00:00:00Z",
                      "2020-01-01 00:00:00Z", "2020-01-01T00:00:00", "2020-01-01T00:00:00.Z"])
    func badTimestampsAreBadData(_ text: String) {
        #expect(throws: APIError(.badData, "cannot parse \(APITimeParsing.quote(text)) to a valid timestamp")) {
            try APITimeParsing.timestamp(text)
        }
    }

    @Test(arguments: [("15", Int64(15_000)), ("0.5", 500), ("1m30s", 90_000), ("5m", 300_000), ("0", 0),
                      ("0.0001", 0), ("-1", -1_000)])
    func durationsParse(_ text: String, _ milliseconds: Int64) throws {
        #expect(try APITimeParsing.duration(text) == milliseconds)
    }

    @Test func hugeDurationsOverflow() {
        #expect(throws: APIError(.badData, "cannot parse \"1e20\" to a valid duration. It overflows int64")) {
            try APITimeParsing.duration("1e20")
        }
    }

    @Test func formsDecodeLikeGo() {
        let parameters = APIParameters(query: "a=1+2&b=%3C%3e&match[]=x&bad=%zz&semi=1;2&match%5B%5D=y&flag",
                                       formBody: "a=body")
        #expect(parameters.value("a") == "body")
        #expect(parameters.values("a") == ["body", "1 2"])
        #expect(parameters.value("b") == "<>")
        #expect(parameters.values("match[]") == ["x", "y"])
        #expect(parameters.value("bad") == nil)
        #expect(parameters.value("semi") == nil)
        #expect(parameters.value("flag") == "")
    }

    @Test func jsonStringsEscapeAsGoDoes() {
        var writer = APIJSONWriter()
        writer.string("a\"b\\c\n\r\t\u{1}<>&\u{2028}\u{2029}é")
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == #""a\"b\\c\n\r\t\u0001\u003c\u003e\u0026\u2028\u2029é""#)
    }

    @Test(arguments: [(0.0, "0"), (-0.0, "-0"), (1.5, "1.5"), (1e21, "1000000000000000000000"), (-2, "-2"),
                      (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"),
                      (1e-7, "0.0000001"), (0.0001, "0.0001"), (1e-5, "0.00001"), (1e16, "10000000000000000"),
                      (123.456, "123.456"), (-0.5, "-0.5"), (9007199254740993.0, "9007199254740992"),
                      (0.1 + 0.2, "0.30000000000000004"), (123456789012345678901234.0, "123456789012345690000000")])
    func sampleValuesUseGoFormatting(_ value: Double, _ text: String) {
        var writer = APIJSONWriter()
        writer.sampleValue(value)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "\"\(text)\"")
    }

    @Test(arguments: [(Int64(0), "0"), (1_500, "1.500"), (100_050, "100.050"), (-5_500, "-5.500"), (7, "0.007")])
    func pointTimestampsKeepThreeDigits(_ milliseconds: Int64, _ text: String) {
        var writer = APIJSONWriter()
        writer.pointTimestamp(milliseconds)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == text)
    }
}
