/// Why a sample was not accepted by an ``Appender``.
public enum AppendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sample is older than the latest sample of its series.
    case outOfOrderSample(timestamp: Int64, latest: Int64)
    /// The series already has a sample at this timestamp, with a different value.
    case duplicateSampleForTimestamp(timestamp: Int64)
    /// The sample is older than the retention window (the oldest time still kept).
    case outOfBounds(timestamp: Int64, minValidTime: Int64)
    /// A series reference that the store does not (or no longer) know.
    case unknownSeriesRef(SeriesRef)
    /// A series needs at least one label.
    case emptyLabelSet

    public var description: String {
        switch self {
        case .outOfOrderSample(let t, let latest): "out of order sample at \(t) (latest \(latest))"
        case .duplicateSampleForTimestamp(let t): "duplicate sample for timestamp \(t)"
        case .outOfBounds(let t, let min): "out of bounds sample at \(t) (min valid time \(min))"
        case .unknownSeriesRef(let ref): "unknown series ref \(ref.rawValue)"
        case .emptyLabelSet: "empty label set"
        }
    }

    /// True for the errors Prometheus counts as out-of-order (older or conflicting).
    public var isOutOfOrder: Bool {
        switch self {
        case .outOfOrderSample, .duplicateSampleForTimestamp: true
        default: false
        }
    }
}
