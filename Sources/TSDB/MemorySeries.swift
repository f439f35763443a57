import Synchronization

/// One series in memory. Its identity is immutable; its samples sit behind the series'
/// own lock, so appends to different series never contend and an appender can keep the
/// object between staging and commit without a second lookup.
final class MemorySeries: Sendable {
    let ref: UInt64
    let labels: Labels
    let state: Mutex<SeriesSamples>

    init(ref: UInt64, labels: Labels, samples: SeriesSamples = SeriesSamples()) {
        self.ref = ref
        self.labels = labels
        self.state = Mutex(samples)
    }
}
