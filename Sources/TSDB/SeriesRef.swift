/// Identifies a series inside one store, cheaper to pass around than its labels.
/// Valid until the series is garbage-collected by retention. A ref returned by a store's
/// appender also remembers the series itself, so appending by it skips the lookup.
public struct SeriesRef: Sendable, Hashable, Comparable {
    public let rawValue: UInt64
    /// The series and the store it belongs to, when this ref came from that store.
    let cached: MemorySeries?
    let owner: ObjectIdentifier?

    /// A ref from its number alone (e.g. kept across appenders); looked up on use.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
        self.cached = nil
        self.owner = nil
    }

    init(series: MemorySeries, owner: ObjectIdentifier) {
        self.rawValue = series.ref
        self.cached = series
        self.owner = owner
    }

    public static func == (lhs: SeriesRef, rhs: SeriesRef) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public static func < (lhs: SeriesRef, rhs: SeriesRef) -> Bool { lhs.rawValue < rhs.rawValue }
}
