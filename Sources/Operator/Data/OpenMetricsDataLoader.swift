import Exposition
import TSDB

/// Loads an OpenMetrics text file whose samples carry timestamps — the input of
/// `promtool tsdb create-blocks-from openmetrics` — into a ``TimeSeriesStore``, so one
/// file can feed both Vigil and Prometheus.
///
/// Like promtool it requires a timestamp on every sample and the final `# EOF`; samples of
/// one series must come in time order (later duplicates or older samples are refused with
/// their position, where promtool would drop them silently).
public enum OpenMetricsDataLoader {
    /// What a load stored.
    public struct Summary: Sendable, Equatable {
        /// Samples appended.
        public var samples: Int
        /// Distinct series.
        public var series: Int
        /// The oldest and newest timestamps (ms), nil for a file without samples.
        public var timeRange: ClosedRange<Int64>?

        public init(samples: Int, series: Int, timeRange: ClosedRange<Int64>?) {
            self.samples = samples
            self.series = series
            self.timeRange = timeRange
        }
    }

    /// Why a file could not be loaded, with the 1-based line and column of the problem.
    public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// Samples committed at once; bounds the memory a large file needs while loading.
    static let batchSize = 100_000

    /// Parses `text` and appends every sample to `store`. Samples are committed in batches,
    /// so after an error the store may hold some of the file: load into a fresh store.
    public static func load(_ text: String, into store: TimeSeriesStore) throws(LoadError) -> Summary {
        try load(bytes: Array(text.utf8), into: store)
    }

    /// Parses UTF-8 `bytes` (a file's contents); see ``load(_:into:)``.
    public static func load(bytes: [UInt8], into store: TimeSeriesStore) throws(LoadError) -> Summary {
        var parser = OpenMetricsParser(bytes: bytes, options: .prometheusCompatible)
        var appender = store.appender()
        // Per series: its reference and newest timestamp. Files list a series' samples
        // one after another, so the previous sample's series is checked before hashing.
        var known: [Exposition.Labels: (reference: SeriesRef, newest: Int64)] = [:]
        var previous: (labels: Exposition.Labels, reference: SeriesRef, newest: Int64)?
        var samples = 0
        var oldest = Int64.max
        var newest = Int64.min
        var line = 1
        while true {
            let entry: ExpositionEntry?
            do {
                entry = try parser.next()
            } catch {
                appender.rollback()
                throw LoadError(line: error.line, column: error.column, message: error.message)
            }
            guard let entry else { break }
            guard case .sample(let sample) = entry else {
                line += 1
                continue
            }
            // Lines of a valid OpenMetrics file are one entry each (no blank lines).
            defer { line += 1 }
            guard let timestamp = sample.timestamp else {
                appender.rollback()
                throw LoadError(line: line, column: 1, message: "sample without a timestamp (every sample needs one)")
            }
            do {
                if let current = previous, current.labels == sample.labels {
                    try Self.checkOrder(timestamp, after: current.newest)
                    try appender.append(ref: current.reference, t: timestamp, v: sample.value)
                    previous?.newest = timestamp
                } else {
                    if let current = previous { known[current.labels] = (current.reference, current.newest) }
                    let reference: SeriesRef
                    if let series = known[sample.labels] {
                        try Self.checkOrder(timestamp, after: series.newest)
                        reference = series.reference
                        try appender.append(ref: reference, t: timestamp, v: sample.value)
                    } else {
                        reference = try appender.append(Self.storageLabels(sample.labels), t: timestamp, v: sample.value)
                    }
                    previous = (sample.labels, reference, timestamp)
                }
            } catch {
                appender.rollback()
                throw LoadError(line: line, column: 1, message: "cannot store sample: \(error)")
            }
            samples += 1
            if appender.pendingCount >= Self.batchSize { appender.commit() }
            oldest = min(oldest, timestamp)
            newest = max(newest, timestamp)
        }
        if let current = previous { known[current.labels] = (current.reference, current.newest) }
        appender.commit()
        return Summary(samples: samples, series: known.count,
                       timeRange: samples == 0 ? nil : oldest...newest)
    }

    private static func checkOrder(_ timestamp: Int64, after newest: Int64) throws(AppendError) {
        if timestamp == newest { throw .duplicateSampleForTimestamp(timestamp: timestamp) }
        if timestamp < newest { throw .outOfOrderSample(timestamp: timestamp, latest: newest) }
    }

    static func storageLabels(_ labels: Exposition.Labels) -> TSDB.Labels {
        TSDB.Labels(labels.map { TSDB.Label(name: $0.name, value: $0.value) })
    }
}
