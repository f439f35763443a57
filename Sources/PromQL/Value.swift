import TSDB

/// The result of evaluating a PromQL expression: Prometheus's four value types.
public enum Value: Sendable, Equatable {
    /// A single number, e.g. `1 + 1` or `scalar(x)`.
    case scalar(Double)
    /// A string literal (only valid as a whole query or a function argument).
    case string(String)
    /// An instant vector: one sample per series at the evaluation time.
    case vector([Sample])
    /// A range vector: several points per series (range selectors, subqueries).
    case matrix([RangeSeries])

    /// The value type, as the type checker names it.
    public var type: ValueType {
        switch self {
        case .scalar: return .scalar
        case .string: return .string
        case .vector: return .instantVector
        case .matrix: return .rangeVector
        }
    }
}

/// One element of an instant vector.
public struct Sample: Sendable, Equatable, CustomStringConvertible {
    public var labels: Labels
    /// The evaluation time in milliseconds (not the stored sample's own timestamp).
    public var timestamp: Int64
    public var value: Double

    public init(labels: Labels, timestamp: Int64, value: Double) {
        self.labels = labels
        self.timestamp = timestamp
        self.value = value
    }

    /// Equal labels and time, and the same value bit for bit (so NaN equals NaN).
    public static func == (lhs: Sample, rhs: Sample) -> Bool {
        lhs.labels == rhs.labels && lhs.timestamp == rhs.timestamp
            && lhs.value.bitPattern == rhs.value.bitPattern
    }

    public var description: String { "\(labels) => \(value) @\(timestamp)" }
}

/// One series of a range vector or of a range query's result.
public struct RangeSeries: Sendable, Equatable, CustomStringConvertible {
    public var labels: Labels
    /// Points in time order.
    public var points: [Point]

    public init(labels: Labels, points: [Point]) {
        self.labels = labels
        self.points = points
    }

    public var description: String { "\(labels) => \(points)" }
}
