/// Identifies a series inside one store, cheaper to pass around than its labels.
/// Valid until the series is garbage-collected by retention.
public struct SeriesRef: Sendable, Hashable, Comparable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public static func < (lhs: SeriesRef, rhs: SeriesRef) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A batch of samples applied all at once (`commit`) or not at all (`rollback`).
///
/// A scrape appends every sample of one scrape, then commits; when it exceeds its
/// `sample_limit` it rolls back so none of that scrape is stored. `append` checks each
/// sample against what is already committed and throws ``AppendError`` for samples that
/// will never be accepted; the caller counts those and goes on.
public protocol Appender {
    /// Stages a sample for the series with these labels, creating the series if needed.
    /// Returns its reference for cheaper appends next time.
    @discardableResult
    mutating func append(_ labels: Labels, t: Int64, v: Double) throws(AppendError) -> SeriesRef
    /// Stages a sample for a series known by reference.
    mutating func append(ref: SeriesRef, t: Int64, v: Double) throws(AppendError)
    /// Applies every staged sample. Samples that became out of order since they were
    /// staged (another appender committed newer ones) are dropped and counted.
    @discardableResult
    mutating func commit() -> CommitSummary
    /// Discards every staged sample.
    mutating func rollback()
}

/// What a commit did.
public struct CommitSummary: Sendable, Equatable {
    /// Samples now stored.
    public var appended = 0
    /// Samples dropped as out of order or conflicting at commit time.
    public var outOfOrder = 0
    /// Exact repeats of the latest sample, ignored as Prometheus does.
    public var duplicates = 0
    public init(appended: Int = 0, outOfOrder: Int = 0, duplicates: Int = 0) {
        self.appended = appended
        self.outOfOrder = outOfOrder
        self.duplicates = duplicates
    }
}

/// Something samples can be written to.
public protocol Appendable: Sendable {
    associatedtype SampleAppender: Appender
    /// A new, empty batch.
    func appender() -> SampleAppender
}

/// Iterates the samples of one series in time order.
public protocol SeriesIterator: IteratorProtocol where Element == Point {
    /// Moves to the first sample at or after `t` and returns it, or nil when none is left.
    /// Does not move when the current sample is already at or after `t`.
    mutating func seek(to t: Int64) -> Point?
}

/// Reads series within a fixed time range `[mint, maxt]` (milliseconds, inclusive).
public protocol Querier: Sendable {
    /// Series matching every matcher, sorted by labels, that have at least one sample in
    /// the range. A matcher that matches the empty string also selects series lacking
    /// its label.
    func select(_ matchers: [LabelMatcher]) -> [Series]
    /// Sorted label names of the series matching `matchers` (all series when empty).
    func labelNames(_ matchers: [LabelMatcher]) -> [String]
    /// Sorted values of `name` among the series matching `matchers`.
    func labelValues(_ name: String, _ matchers: [LabelMatcher]) -> [String]
}

/// Something that can be queried over a time range.
public protocol Queryable: Sendable {
    associatedtype RangeQuerier: Querier
    /// A querier over samples with timestamps in `[mint, maxt]`.
    func querier(mint: Int64, maxt: Int64) -> RangeQuerier
}
