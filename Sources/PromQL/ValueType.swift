/// A duration or timestamp in milliseconds, the unit Prometheus stores and evaluates in.
public typealias Milliseconds = Int64

/// The type of value an expression evaluates to. Raw values are Prometheus's internal
/// names (`vector`, `matrix`), which some of its messages print.
public enum ValueType: String, Sendable, Hashable {
    case scalar
    /// One sample per series at the evaluation time.
    case instantVector = "vector"
    /// Samples over a time range per series: range selectors and subqueries ("matrix").
    case rangeVector = "matrix"
    case string

    /// The name used in Prometheus's type errors: `instant vector`, `range vector`, …
    public var documentedName: String {
        switch self {
        case .scalar: return "scalar"
        case .instantVector: return "instant vector"
        case .rangeVector: return "range vector"
        case .string: return "string"
        }
    }
}
