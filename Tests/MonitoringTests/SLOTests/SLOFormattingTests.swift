import Testing
@testable import Monitoring

@Suite("SLO number and window formatting")
struct SLOFormattingTests {
    struct RatioCase: Sendable, CustomTestStringConvertible {
        let objective: Double, ratio: String, budget: String
        var testDescription: String { "\(objective)" }
    }

    // slo-rules.md §7: objective/100 | (100 − objective)/100 as Go prints them.
    @Test("objective ratios and error budgets print like Go's shortest %v", arguments: [
        RatioCase(objective: 90, ratio: "0.9", budget: "0.1"),
        RatioCase(objective: 95, ratio: "0.95", budget: "0.05"),
        RatioCase(objective: 99, ratio: "0.99", budget: "0.01"),
        RatioCase(objective: 99.5, ratio: "0.995", budget: "0.005"),
        RatioCase(objective: 99.9, ratio: "0.9990000000000001", budget: "0.0009999999999999432"),
        RatioCase(objective: 99.95, ratio: "0.9995", budget: "0.0004999999999999716"),
        RatioCase(objective: 99.99, ratio: "0.9998999999999999", budget: "0.00010000000000005117"),
        RatioCase(objective: 99.999, ratio: "0.9999899999999999", budget: "1.0000000000047748e-05"),
    ])
    func ratios(_ c: RatioCase) {
        #expect(SLONumberFormat.goG(c.objective / 100) == c.ratio)
        #expect(SLONumberFormat.goG((100 - c.objective) / 100) == c.budget)
    }

    @Test("Go %v layout: integers without .0, exponent below 1e-4 and from 1e6", arguments: [
        (30.0, "30"), (14.4, "14.4"), (6.0, "6"), (0.0001, "0.0001"), (0.00001, "1e-05"),
        (123456.0, "123456"), (1_000_000.0, "1e+06"), (1.5e21, "1.5e+21"), (0.0, "0"), (-2.5, "-2.5"),
        (5.6000000000000005, "5.6000000000000005"), (0.9333333333333333, "0.9333333333333333"),
    ])
    func goG(_ value: Double, _ expected: String) {
        #expect(SLONumberFormat.goG(value) == expected)
    }

    @Test("the objective label is a plain decimal", arguments: [(99.9, "99.9"), (95.0, "95"), (99.999, "99.999")])
    func goF(_ value: Double, _ expected: String) {
        #expect(SLONumberFormat.goF(value) == expected)
    }

    @Test("windows print in Prometheus notation with exact weeks only", arguments: [
        (300, "5m"), (1800, "30m"), (3600, "1h"), (86_400, "1d"), (259_200, "3d"), (2_592_000, "30d"),
        (2_419_200, "4w"), (604_800, "1w"), (1_209_600, "2w"), (7_776_000, "90d"), (5400, "1h30m"),
    ])
    func windowNames(_ seconds: Int, _ expected: String) {
        #expect(SLOWindow(seconds: seconds).description == expected)
    }

    @Test("durations parse, and malformed ones are rejected", arguments: [
        ("30d", 2_592_000), ("4w", 2_419_200), ("720h", 2_592_000), ("1h30m", 5400), ("7d", 604_800),
        ("", nil), ("30", nil), ("d", nil), ("30x", nil), ("1m1h", nil), ("100ms", nil), ("-1d", nil), ("0d", nil),
    ] as [(String, Int?)])
    func windowParsing(_ text: String, _ seconds: Int?) {
        #expect(SLOWindow(parsing: text)?.seconds == seconds)
    }

    struct FactorCase: Sendable, CustomTestStringConvertible {
        let period: SLOPeriod, factors: [String]
        var testDescription: String { period.rawValue }
    }

    // slo-rules.md §5a, including the float noise Sloth prints for 28d and 7d.
    @Test("burn factors follow the period", arguments: [
        FactorCase(period: .thirtyDays, factors: ["14.4", "6", "3", "1"]),
        FactorCase(period: .twentyEightDays, factors: ["13.44", "5.6000000000000005", "2.8000000000000003", "0.9333333333333333"]),
        FactorCase(period: .sevenDays, factors: ["13.44", "3.5", "1.4000000000000001", "0.98"]),
    ])
    func burnFactors(_ c: FactorCase) {
        let windows = c.period.alertWindows
        let factors = [windows.pageQuick, windows.pageSlow, windows.ticketQuick, windows.ticketSlow]
            .map { SLONumberFormat.goG($0.burnFactor(period: c.period.window)) }
        #expect(factors == c.factors)
    }

    @Test("the SLI windows are the sorted union of the alert windows")
    func sliWindows() {
        #expect(SLOPeriod.thirtyDays.alertWindows.sliWindows.map(\.description) == ["5m", "30m", "1h", "2h", "6h", "1d", "3d"])
    }

    @Test("query placeholders are replaced in both spellings and nothing else")
    func placeholders() {
        #expect(SLOQueryTemplate.render("rate(x[{{.window}}]) / rate(y[{{ .window }}])", window: .hours(1))
            == "rate(x[1h]) / rate(y[1h])")
        #expect(SLOQueryTemplate.problems(in: "rate(x[5m])") == [.noPlaceholder])
        #expect(SLOQueryTemplate.problems(in: "rate(x[{{.window}}]) + {{.other}}") == [.unsupportedAction("{{.other}}")])
        #expect(SLOQueryTemplate.problems(in: "rate(x[{{.window") == [.noPlaceholder, .unsupportedAction("{{.window")])
    }
}
