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
                var doomed: [MemorySeries] = []
                for series in stripe.series.values {
                    series.state.withLock { samples in
                        if samples.isEmpty || (samples.maxTime ?? .min) < cutoff {
                            // Marked under the series lock, so a concurrent commit either
                            // landed before (and is dropped with it) or sees `removed`.
                            samples.removed = true
                            result.removedChunks += samples.chunkCount
                            result.removedSamples += samples.sampleCount
                            doomed.append(series)
                        } else {
                            let dropped = samples.dropChunks(endingBefore: cutoff)
                            result.removedChunks += dropped.chunks
                            result.removedSamples += dropped.samples
                        }
                    }
                }
                for series in doomed {
                    stripe.remove(series.ref, hash: series.labels.stableHash)
                    removed.append((series.ref, series.labels))
                }
            }
        }
        result.removedSeries = removed.count
        index.withLock { $0.remove(removed) }
        return result
    }
}
