import Synchronization

/// What happened to one sample offered to a series.
enum SampleOutcome: Sendable, Equatable {
    case appended
    /// Same timestamp and same value bits as the latest sample: silently ignored.
    case duplicate
    /// Older than the latest sample.
    case outOfOrder(latest: Int64)
    /// Same timestamp as the latest sample but a different value.
    case duplicateTimestamp
}

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

/// The chunks of one series: closed (full) chunks and the open head chunk.
struct SeriesSamples: Sendable {
    private(set) var closedChunks: [XORChunk] = []
    private(set) var head = XORChunk()
    /// Set when retention dropped the series; an appender holding it must recreate it.
    var removed = false

    init() {}

    init(closedChunks: [XORChunk], head: XORChunk) {
        self.closedChunks = closedChunks
        self.head = head
    }

    var isEmpty: Bool { head.count == 0 && closedChunks.isEmpty }
    var maxTime: Int64? { head.count == 0 ? nil : head.maxTime }
    var chunkCount: Int { closedChunks.count + (head.count == 0 ? 0 : 1) }
    var sampleCount: Int { closedChunks.reduce(head.count) { $0 + $1.count } }

    /// Whether a sample could be appended now, without appending it.
    func check(t: Int64, v: Double) -> SampleOutcome {
        guard head.count > 0 else { return .appended }
        if t > head.maxTime { return .appended }
        if t == head.maxTime {
            return v.bitPattern == head.lastValue.bitPattern ? .duplicate : .duplicateTimestamp
        }
        return .outOfOrder(latest: head.maxTime)
    }

    mutating func append(t: Int64, v: Double) -> SampleOutcome {
        let outcome = check(t: t, v: v)
        guard outcome == .appended else { return outcome }
        if head.isFull {
            var full = head
            full.shrink()
            closedChunks.append(full)
            head = XORChunk()
        }
        head.append(t: t, v: v)
        return .appended
    }

    /// Chunks that may hold samples in `[mint, maxt]`, oldest first.
    func chunks(overlapping mint: Int64, _ maxt: Int64) -> [XORChunk] {
        var result: [XORChunk] = []
        for chunk in closedChunks where chunk.maxTime >= mint && chunk.minTime <= maxt {
            result.append(chunk)
        }
        if head.count > 0, head.maxTime >= mint, head.minTime <= maxt { result.append(head) }
        return result
    }

    /// Drops closed chunks that end before `cutoff`; returns (chunks, samples) removed.
    /// The head chunk is never dropped here: a series whose head is too old is removed whole.
    mutating func dropChunks(endingBefore cutoff: Int64) -> (chunks: Int, samples: Int) {
        let keepFrom = closedChunks.firstIndex { $0.maxTime >= cutoff } ?? closedChunks.count
        guard keepFrom > 0 else { return (0, 0) }
        let samples = closedChunks[..<keepFrom].reduce(0) { $0 + $1.count }
        closedChunks.removeFirst(keepFrom)
        return (keepFrom, samples)
    }

    /// Rough bytes held by this series' samples (chunk payloads plus per-chunk overhead).
    var approximateChunkBytes: Int {
        closedChunks.reduce(head.byteCount + 64) { $0 + $1.byteCount + 64 }
    }
}
