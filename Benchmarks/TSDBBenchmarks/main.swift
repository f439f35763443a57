// TSDB benchmark: ingest 100,000 series x 1 hour at a 15 s interval (240 samples each),
// then report memory per series, append throughput and select latency.
// Run in release: `swift run -c release TSDBBenchmarks` (the lead adds the target).
import Foundation
import TSDB

/// Resident set size in bytes, from /proc/self/statm (second field, in pages).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let metricCount = 10
// VIGIL_BENCH_INSTANCES scales the run down for profiling (100 series per instance).
let instanceCount = ProcessInfo.processInfo.environment["VIGIL_BENCH_INSTANCES"].flatMap { Int($0) } ?? 1000
let codes = ["200", "201", "204", "301", "304", "400", "403", "404", "500", "503"]
let samplesPerSeries = 240
let interval: Int64 = 15_000
let start: Int64 = 1_700_000_000_000

// One "target" per instance, 100 series each (10 metrics x 10 codes), as a scrape would.
let targets: [[Labels]] = (0..<instanceCount).map { instance in
    var series: [Labels] = []
    for metric in 0..<metricCount {
        for code in codes {
            series.append(Labels([
                "__name__": "http_requests_\(metric)_total",
                "job": "api-\(instance % 10)",
                "instance": "10.0.\(instance / 250).\(instance % 250):9100",
                "code": code,
            ]))
        }
    }
    return series
}
let seriesCount = targets.count * targets[0].count

let baseline = residentBytes()
let store = TimeSeriesStore(options: .init(retention: 6 * 3_600_000))
let clock = ContinuousClock()
var random = SplitMix(state: 42)
var values = [Double](repeating: 0, count: seriesCount)
var refs = [[SeriesRef]](repeating: [], count: targets.count)
var rejected = 0

let ingestStart = clock.now
for step in 0..<samplesPerSeries {
    let t = start + Int64(step) * interval
    for (targetIndex, series) in targets.enumerated() {
        var appender = store.appender()
        for (position, labels) in series.enumerated() {
            let slot = targetIndex * series.count + position
            // Every third series is a gauge that changes on 1 scrape in 10 to a 2-decimal
            // value; the rest are counters that move on 7 scrapes in 10 by 1...20.
            let roll = Int.random(in: 0..<10, using: &random)
            if slot % 3 == 0 {
                if roll == 0 || step == 0 { values[slot] = Double(Int.random(in: 0...10_000, using: &random)) / 100 }
            } else if roll < 7 {
                values[slot] += Double(Int.random(in: 1...20, using: &random))
            }
            do {
                if step == 0 {
                    refs[targetIndex].append(try appender.append(labels, t: t, v: values[slot]))
                } else {
                    try appender.append(ref: refs[targetIndex][position], t: t, v: values[slot])
                }
            } catch {
                rejected += 1
            }
        }
        appender.commit()
    }
}
let ingestTime = seconds(clock.now - ingestStart)
let after = residentBytes()
let stats = store.stats()
let totalSamples = seriesCount * samplesPerSeries

print("TSDB benchmark: \(seriesCount) series x \(samplesPerSeries) samples (15 s, 1 h)")
print(String(format: "  ingest: %.2f s, %.0f samples/s (single task), rejected %d",
             ingestTime, Double(totalSamples) / ingestTime, rejected))
print(String(format: "  resident memory: %.1f MB -> %.1f MB, %.0f bytes/series",
             Double(baseline) / 1e6, Double(after) / 1e6, Double(after - baseline) / Double(seriesCount)))
print(String(format: "  store accounting: %d series, %d samples, %d chunks, %.0f bytes/series, %.2f bytes/sample",
             stats.seriesCount, stats.sampleCount, stats.chunkCount,
             Double(stats.approximateBytes) / Double(seriesCount),
             Double(stats.approximateBytes) / Double(stats.sampleCount)))

let end = start + Int64(samplesPerSeries - 1) * interval
let shapes: [(String, [LabelMatcher])] = [
    ("one series  {__name__=,instance=,code=}", [
        try LabelMatcher(.equal, "__name__", "http_requests_3_total"),
        try LabelMatcher(.equal, "instance", "10.0.1.5:9100"),
        try LabelMatcher(.equal, "code", "500"),
    ]),
    ("one target  {instance=}", [try LabelMatcher(.equal, "instance", "10.0.2.17:9100")]),
    ("metric+regex {__name__=,code=~\"5..\"}", [
        try LabelMatcher(.equal, "__name__", "http_requests_3_total"),
        try LabelMatcher(.regexMatch, "code", "5.."),
    ]),
    ("alternation {job=~\"api-1|api-2\",code!=\"200\"}", [
        try LabelMatcher(.regexMatch, "job", "api-1|api-2"),
        try LabelMatcher(.notEqual, "code", "200"),
    ]),
    ("regex over instances {instance=~\"10.0.1.*\"}", [try LabelMatcher(.regexMatch, "instance", "10\\.0\\.1\\..*")]),
    ("whole metric {__name__=} (10k series)", [try LabelMatcher(.equal, "__name__", "http_requests_7_total")]),
]
print("  select over the last 5 minutes, decoding every sample (median of 9 runs):")
for (name, matchers) in shapes {
    var timings: [Double] = []
    var seriesSeen = 0
    var samplesSeen = 0
    for _ in 0..<9 {
        let begin = clock.now
        let selected = store.querier(mint: end - 300_000, maxt: end).select(matchers)
        var samples = 0
        for series in selected {
            var iterator = series.makeIterator()
            while iterator.next() != nil { samples += 1 }
        }
        timings.append(seconds(clock.now - begin))
        seriesSeen = selected.count
        samplesSeen = samples
    }
    timings.sort()
    print(String(format: "    %-48@ %6d series %7d samples %9.3f ms",
                 name as NSString, seriesSeen, samplesSeen, timings[timings.count / 2] * 1000))
}

let snapshotDirectory = NSTemporaryDirectory() + "vigil-tsdb-bench"
let snapshotStart = clock.now
do {
    try store.writeSnapshot(to: snapshotDirectory)
    let written = seconds(clock.now - snapshotStart)
    let restoreStart = clock.now
    let restored = try TimeSeriesStore.restore(from: snapshotDirectory)
    let restoredTime = seconds(clock.now - restoreStart)
    let size = (try? FileManager.default.attributesOfItem(
        atPath: snapshotDirectory + "/" + TimeSeriesStore.snapshotFileName)[.size] as? Int) ?? 0
    print(String(format: "  snapshot: %.1f MB written in %.2f s, restored (%d series) in %.2f s",
                 Double(size) / 1e6, written, restored.stats().seriesCount, restoredTime))
    try? FileManager.default.removeItem(atPath: snapshotDirectory)
} catch {
    print("  snapshot failed: \(error)")
}
