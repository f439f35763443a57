/// A summary of what a ``TimeSeriesStore`` holds.
public struct StoreStats: Sendable, Equatable {
    /// Series currently in memory (including ones not yet garbage-collected).
    public var seriesCount = 0
    /// Samples stored across all chunks.
    public var sampleCount = 0
    /// Chunks, closed and open.
    public var chunkCount = 0
    /// Estimated heap bytes: chunk payloads, labels, per-series and index overhead.
    public var approximateBytes = 0
    /// Samples rejected because they were older than (or conflicted with) the latest.
    public var outOfOrderCount = 0
    /// Exact repeats of the latest sample, ignored.
    public var duplicateCount = 0

    public init() {}

    /// Per-series bookkeeping: the stripe dictionary entries and the series struct.
    static let seriesOverhead = 200

    static func approximateBytes(of labels: Labels) -> Int {
        // Array header plus two 16-byte strings per pair; strings over 15 UTF-8 bytes
        // live on the heap (32-byte header).
        var bytes = 32 + labels.count * 32 + seriesOverhead
        for pair in labels.pairs {
            if pair.name.utf8.count > 15 { bytes += 32 + pair.name.utf8.count }
            if pair.value.utf8.count > 15 { bytes += 32 + pair.value.utf8.count }
        }
        return bytes
    }

    static func approximateBytes(of index: PostingsIndex) -> Int {
        var bytes = index.all.capacity * 8
        for byValue in index.postings.values {
            bytes += 64 + byValue.count * 48  // dictionary slot: key, array reference, load factor
            for list in byValue.values { bytes += 32 + list.capacity * 8 }
        }
        return bytes
    }
}
