import TSDB

/// Supplies the discovered targets of one job as a stream of complete snapshots: each
/// element replaces the previous one (a target missing from it is gone).
public protocol TargetProvider: Sendable {
    /// Snapshots of discovered label sets, each one the whole current set. The stream ends
    /// when discovery stops.
    func targetSnapshots() -> AsyncStream<[TSDB.Labels]>
}

/// A fixed list of targets (static configuration, `vigil demo`, tests).
public struct StaticTargetProvider: TargetProvider {
    /// The discovered label sets, each with at least `__address__`.
    public let targets: [TSDB.Labels]

    /// Targets from discovered label sets.
    public init(_ targets: [TSDB.Labels]) { self.targets = targets }

    /// Targets from `host:port` addresses, with extra labels on each.
    public init(addresses: [String], labels: [String: String] = [:]) {
        targets = addresses.map { address in
            var pairs = labels
            pairs[ScrapeTarget.addressLabel] = address
            return TSDB.Labels(pairs)
        }
    }

    public func targetSnapshots() -> AsyncStream<[TSDB.Labels]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [TSDB.Labels].self)
        continuation.yield(targets)
        continuation.finish()
        return stream
    }
}
