/// A label matcher of a series selector.
struct LabelFilter: Sendable, Equatable {
    enum Operator: String, Sendable {
        case equal = "="
        case notEqual = "!="
        case matches = "=~"
    }

    var name: String
    var op: Operator
    var value: String

    /// `name="value"`, or `name=~"a|b"` for several values (regex-escaped).
    static func oneOf(_ name: String, _ values: [String]) -> LabelFilter {
        values.count == 1
            ? LabelFilter(name: name, op: .equal, value: values[0])
            : LabelFilter(name: name, op: .matches, value: values.map(PromQLText.regexEscaped).joined(separator: "|"))
    }

    var text: String { "\(name)\(op.rawValue)\(PromQLText.quoted(value))" }
}

/// Small builders for the PromQL of panels. Dashboard queries contain Grafana variables
/// (`$__rate_interval`, `$model_id`), so they cannot be PromQL ASTs; tests substitute the
/// variables and parse every query with Vigil's parser instead.
enum PromQLText {
    /// `metric{a="1", b=~"x|y"}`; just `metric` without filters.
    static func selector(_ metric: String, _ filters: [LabelFilter]) -> String {
        filters.isEmpty ? metric : "\(metric){\(filters.map(\.text).joined(separator: ", "))}"
    }

    /// `rate(<selector>[$__rate_interval])`: Grafana's interval is at least four scrape
    /// intervals, so a rate always has two samples to work with.
    static func rate(_ selector: String) -> String { "rate(\(selector)[$__rate_interval])" }

    /// `sum(expr)`, or `sum by (a, b) (expr)`.
    static func sum(_ expr: String, by labels: [String] = []) -> String {
        labels.isEmpty ? "sum(\(expr))" : "sum by (\(labels.joined(separator: ", "))) (\(expr))"
    }

    /// The `quantile` of a classic histogram's `_bucket` series, aggregated over `by`.
    static func histogramQuantile(_ quantile: Double, buckets: String, by labels: [String] = []) -> String {
        "histogram_quantile(\(SLONumberFormat.goG(quantile)), \(sum(rate(buckets), by: labels + ["le"])))"
    }

    /// `numerator / denominator` where a missing numerator (no error series scraped yet)
    /// counts as zero instead of leaving the panel empty.
    static func ratio(_ numerator: String, over denominator: String) -> String {
        "(\(numerator) or 0 * \(denominator)) / \(denominator)"
    }

    /// A PromQL double-quoted string literal.
    static func quoted(_ value: String) -> String {
        var result = "\""
        for character in value.unicodeScalars {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(character)
            }
        }
        return result + "\""
    }

    /// `value` as a regular expression matching exactly itself (RE2 syntax).
    static func regexEscaped(_ value: String) -> String {
        var result = ""
        for character in value {
            if "\\.+*?()|[]{}^$".contains(character) { result += "\\" }
            result.append(character)
        }
        return result
    }
}
