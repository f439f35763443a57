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
