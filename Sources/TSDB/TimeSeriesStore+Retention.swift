/// What a retention pass removed.
public struct RetentionResult: Sendable, Equatable {
    /// Series removed from the store and the index.
    public var removedSeries = 0
    /// Chunks dropped (including those of removed series).
    public var removedChunks = 0
    /// Samples dropped (including those of removed series).
    public var removedSamples = 0
    public init() {}
}

extension TimeSeriesStore {
    /// Drops data older than `now - options.retention`. `now` is passed in (milliseconds)
    /// so callers drive retention from their injected clock.
    @discardableResult
    public func applyRetention(now: Int64) -> RetentionResult {
        truncate(before: now &- options.retention)
    }

    /// Drops every closed chunk that ends before `cutoff`, removes series whose newest
    /// sample is older than `cutoff` or that hold no sample at all, and from then on
    /// rejects samples older than `cutoff`.
    ///
    /// Whole chunks go, so up to one chunk of samples older than `cutoff` may remain;
    /// queries bound by time never see the difference that matters.
    @discardableResult
    public func truncate(before cutoff: Int64) -> RetentionResult {
        var current = minValidTime.load(ordering: .relaxed)
        while current < cutoff {
            let (exchanged, original) = minValidTime.compareExchange(
                expected: current, desired: cutoff, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
        var result = RetentionResult()
        var removed: [(ref: UInt64, labels: Labels)] = []
        for box in stripes {
            box.lock.withLock { stripe in
                var doomed: [UInt64] = []
                for (ref, series) in stripe.series {
                    if series.isEmpty || (series.maxTime ?? .min) < cutoff {
                        doomed.append(ref)
                        result.removedChunks += series.chunkCount
                        result.removedSamples += series.sampleCount
                    }
                }
                for ref in doomed {
                    guard let series = stripe.series[ref] else { continue }
                    stripe.remove(ref, hash: series.labels.stableHash)
                    removed.append((ref, series.labels))
                }
                for ref in Array(stripe.series.keys) {
                    guard let dropped = stripe.series[ref]?.dropChunks(endingBefore: cutoff),
                          dropped.chunks > 0 else { continue }
                    result.removedChunks += dropped.chunks
                    result.removedSamples += dropped.samples
                }
            }
        }
        result.removedSeries = removed.count
        index.withLock { $0.remove(removed) }
        return result
    }
}
