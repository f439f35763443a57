import Synchronization

/// The in-memory time-series store: series by label set, an inverted index, Gorilla
/// chunks, retention and snapshots.
///
/// ## Concurrency
/// There is no global lock on the hot path. Series live in `stripeCount` stripes, each a
/// dictionary behind its own `Mutex`; a series' stripe is chosen by the low bits of its
/// label hash, and its ref carries the same low bits, so a lookup by labels or by ref
/// takes exactly one stripe lock. Scrapes of different targets therefore rarely contend.
/// The postings index sits behind a separate lock that is taken only when a series is
/// created, garbage-collected, or when a query resolves matchers. Queries copy the chunk
/// values they need while holding a stripe lock (copy-on-write: no sample bytes are
/// copied unless an append follows) and decode them with no lock held. Counters are
/// atomics.
///
/// ```swift
/// let store = TimeSeriesStore(options: .init(retention: 15 * 86_400_000))
/// var appender = store.appender()
/// try appender.append(Labels(["__name__": "up", "job": "api"]), t: now, v: 1)
/// appender.commit()
/// let series = store.querier(mint: now - 300_000, maxt: now).select([try LabelMatcher(.equal, "job", "api")])
/// ```
public final class TimeSeriesStore: Appendable, Queryable, Sendable {
    /// Tuning and retention.
    public struct Options: Sendable {
        /// How long samples are kept, in milliseconds, counted back from the `now` passed
        /// to ``TimeSeriesStore/applyRetention(now:)``.
        public var retention: Int64
        /// Number of lock stripes (rounded up to a power of two).
        public var stripeCount: Int

        public init(retention: Int64 = 15 * 24 * 3_600_000, stripeCount: Int = 1024) {
            self.retention = retention
            self.stripeCount = stripeCount
        }
    }

    /// One shard of the series map. Holds both lookups so one lock covers them.
    struct Stripe: Sendable {
        var series: [UInt64: MemorySeries] = [:]
        /// Label hash to ref; a second set with the same hash goes to `collisions`.
        var byHash: [UInt64: UInt64] = [:]
        var collisions: [UInt64: [UInt64]] = [:]

        func series(for labels: Labels, hash: UInt64) -> MemorySeries? {
            if let ref = byHash[hash], let found = series[ref], found.labels == labels { return found }
            guard let refs = collisions[hash] else { return nil }
            for ref in refs { if let found = series[ref], found.labels == labels { return found } }
            return nil
        }

        mutating func insert(_ entry: MemorySeries, hash: UInt64) {
            series[entry.ref] = entry
            if byHash[hash] == nil {
                byHash[hash] = entry.ref
            } else {
                collisions[hash, default: []].append(entry.ref)
            }
        }

        mutating func remove(_ ref: UInt64, hash: UInt64) {
            series[ref] = nil
            if byHash[hash] == ref {
                byHash[hash] = nil
                if var others = collisions[hash], !others.isEmpty {
                    byHash[hash] = others.removeFirst()
                    collisions[hash] = others.isEmpty ? nil : others
                }
            } else if var others = collisions[hash] {
                others.removeAll { $0 == ref }
                collisions[hash] = others.isEmpty ? nil : others
            }
        }
    }

    /// A `Mutex` cannot live in an array (it is not copyable), so each sits in a box.
    final class StripeBox: Sendable {
        let lock = Mutex(Stripe())
    }

    public let options: Options
    let stripes: [StripeBox]
    let stripeMask: UInt64
    let stripeBits: UInt64
    let index = Mutex(PostingsIndex())
    private let nextSequence = Atomic<UInt64>(1)
    /// Samples older than this are rejected (raised by retention).
    let minValidTime = Atomic<Int64>(.min)
    let outOfOrderCount = Atomic<Int>(0)
    let duplicateCount = Atomic<Int>(0)

    /// An empty store.
    public init(options: Options = Options()) {
        self.options = options
        var bits: UInt64 = 0
        while (1 << bits) < max(1, options.stripeCount) { bits += 1 }
        self.stripeBits = bits
        self.stripeMask = (1 << bits) - 1
        self.stripes = (0..<(1 << bits)).map { _ in StripeBox() }
    }

    /// A new, empty batch of samples; see ``Appender``.
    public func appender() -> HeadAppender { HeadAppender(store: self) }

    /// A querier over `[mint, maxt]` (milliseconds, inclusive).
    public func querier(mint: Int64, maxt: Int64) -> StoreQuerier {
        StoreQuerier(store: self, mint: mint, maxt: maxt)
    }

    func stripe(forRef ref: UInt64) -> StripeBox { stripes[Int(ref & stripeMask)] }

    /// The series for `labels`, creating (and indexing) it when new.
    func getOrCreate(_ labels: Labels) -> MemorySeries {
        let hash = labels.stableHash
        let box = stripes[Int(hash & stripeMask)]
        return box.lock.withLock { stripe -> MemorySeries in
            if let found = stripe.series(for: labels, hash: hash) { return found }
            let sequence = nextSequence.wrappingAdd(1, ordering: .relaxed).oldValue
            let ref = (sequence << stripeBits) | (hash & stripeMask)
            let created = MemorySeries(ref: ref, labels: labels)
            stripe.insert(created, hash: hash)
            // Indexed while the stripe is still locked, so retention (which removes from
            // the stripe, then from the index) can never leave a dangling posting.
            // Lock order: stripe, then index or series; never the other way round.
            index.withLock { $0.add(ref, labels) }
            return created
        }
    }

    /// The live series with this ref, if any.
    func series(forRef ref: UInt64) -> MemorySeries? {
        stripe(forRef: ref).lock.withLock { $0.series[ref] }
    }

    /// Counts of what the store holds, walking every stripe (one lock at a time).
    public func stats() -> StoreStats {
        var stats = StoreStats()
        for box in stripes {
            box.lock.withLock { stripe in
                for series in stripe.series.values {
                    stats.seriesCount += 1
                    stats.approximateBytes += StoreStats.approximateBytes(of: series.labels)
                    series.state.withLock { samples in
                        stats.sampleCount += samples.sampleCount
                        stats.chunkCount += samples.chunkCount
                        stats.approximateBytes += samples.approximateChunkBytes
                    }
                }
            }
        }
        stats.approximateBytes += index.withLock { StoreStats.approximateBytes(of: $0) }
        stats.outOfOrderCount = outOfOrderCount.load(ordering: .relaxed)
        stats.duplicateCount = duplicateCount.load(ordering: .relaxed)
        return stats
    }
}
