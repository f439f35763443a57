import PromQL
import TSDB

/// Go's text forms that promtool's messages use, so Vigil's output matches line by line.
enum GoText {
    /// `labels.Labels.String()`: `{a="b", c="d"}` with Go-quoted values.
    static func labels(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0)=\(GoPrintf.quote($0.1))" }.joined(separator: ", ") + "}"
    }

    static func labels(_ labels: Labels) -> String {
        self.labels(labels.pairs.map { ($0.name, $0.value) })
    }

    static func labels(_ map: [String: String]) -> String {
        labels(map.keys.sorted().map { ($0, map[$0] ?? "") })
    }

    /// `strconv.FormatFloat(v, 'E', -1, 64)`: shortest digits in exponent form (`1.5E+00`).
    static func exponent(_ value: Double) -> String {
        GoFloat.shortestExponent(value)
    }

    /// `time.Duration.String()` for milliseconds: `1m0s`, `1h30m0s`, `1.5s`, `0s`.
    static func duration(milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        var remaining = Swift.abs(milliseconds)
        let sign = milliseconds < 0 ? "-" : ""
        if remaining < 1000 { return sign + "\(remaining)ms" }
        let hours = remaining / 3_600_000
        remaining %= 3_600_000
        let minutes = remaining / 60_000
        remaining %= 60_000
        var seconds = "\(remaining / 1000)"
        if remaining % 1000 != 0 {
            var fraction = String(remaining % 1000)
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            seconds += "." + fraction
        }
        if hours > 0 { return sign + "\(hours)h\(minutes)m\(seconds)s" }
        if minutes > 0 { return sign + "\(minutes)m\(seconds)s" }
        return sign + seconds + "s"
    }

    /// Prefixes every line but the first with `indent` (promtool's `indentLines`).
    static func indent(_ text: String, _ indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset == 0 ? String($0.element) : indent + $0.element }
            .joined(separator: "\n")
    }
}
