/// A duration or timestamp in milliseconds, the unit Prometheus stores and evaluates in.
public typealias Milliseconds = Int64

/// The type of value an expression evaluates to.
public enum ValueType: String, Sendable, Hashable {
    case scalar
    /// An instant vector.
    case vector
    /// A range vector (range selectors and subqueries).
    case matrix
    case string

    /// The name used in Prometheus's type errors: `instant vector`, `range vector`, …
    public var documentedName: String {
        switch self {
        case .scalar: return "scalar"
        case .vector: return "instant vector"
        case .matrix: return "range vector"
        case .string: return "string"
        }
    }
}
