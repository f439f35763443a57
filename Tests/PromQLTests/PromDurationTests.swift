import Testing
@testable import PromQL

@Suite("Durations (model.ParseDuration and model.Duration.String)")
struct PromDurationTests {
    @Test("parses units in descending order into milliseconds", arguments: [
        ("0", 0), ("1ms", 1), ("5s", 5000), ("5m", 300_000), ("1h30m", 5_400_000), ("2d", 172_800_000),
        ("1w", 604_800_000), ("1y", 31_536_000_000), ("1y2w3d4h5m6s7ms", 33_019_506_007), ("90d", 7_776_000_000),
    ] as [(String, Int64)])
    func parses(_ text: String, _ milliseconds: Int64) throws {
        #expect(try PromDuration.parse(text) == milliseconds)
    }

    @Test("rejects what Prometheus rejects", arguments: [
        ("", "empty duration string"),
        ("5", "not a valid duration string: \"5\""),
        ("30m1h", "not a valid duration string: \"30m1h\""),
        ("1.5m", "not a valid duration string: \"1.5m\""),
        ("-5m", "not a valid duration string: \"-5m\""),
        ("5mm", "not a valid duration string: \"5mm\""),
        ("1s1s", "not a valid duration string: \"1s1s\""),
        ("300000y", "duration out of range"),
        ("99999999999999999999999s", "duration out of range"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect(throws: PromDuration.Failure.self) { try PromDuration.parse(text) }
        do {
            _ = try PromDuration.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("formats like Prometheus: years and weeks only when exact", arguments: [
        (0, "0s"), (1, "1ms"), (1500, "1s500ms"), (5_400_000, "1h30m"), (7_776_000_000, "90d"),
        (604_800_000, "1w"), (691_200_000, "8d"), (31_536_000_000, "1y"), (-300_000, "-5m"),
    ] as [(Int64, String)])
    func formats(_ milliseconds: Int64, _ text: String) {
        #expect(PromDuration.format(milliseconds) == text)
    }
}

@Suite("Number and timestamp printing")
struct NumberFormattingTests {
    @Test("prints floats like Go's FormatFloat(x, 'f', -1, 64)", arguments: [
        (1.0, "1"), (0.5, "0.5"), (-0.0, "-0"), (1e30, "1000000000000000000000000000000"), (1e-7, "0.0000001"),
        (123.456, "123.456"), (0.1 + 0.2, "0.30000000000000004"), (Double.infinity, "+Inf"),
        (-Double.infinity, "-Inf"), (Double.nan, "NaN"),
        (Double.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"),
    ] as [(Double, String)])
    func shortest(_ value: Double, _ text: String) {
        #expect(GoFloatFormat.shortest(value) == text)
    }

    @Test("prints @ timestamps with three decimals", arguments: [
        (0, "0.000"), (1, "0.001"), (-1, "-0.001"), (1_234_500, "1234.500"), (-10_000, "-10.000"),
    ] as [(Int64, String)])
    func atTimestamps(_ milliseconds: Int64, _ text: String) {
        #expect(AtModifier.seconds(milliseconds) == text)
    }
}
