// Exposition parser throughput: parses the Prometheus 2.42 benchmark inputs under
// ../shared/conformance/textparse/ repeatedly and prints MB/s and samples/s per file.
//
//   swift run -c release ExpositionBenchmarks [seconds-per-case]
//
// The shared directory is found beside the package root (walking up from this file to
// Package.swift), or taken from VIGIL_SHARED_DIR.
import Exposition
import Foundation

struct BenchmarkCase {
    var file: String
    var format: ExpositionFormat
    var options: OpenMetricsParser.Options
    var label: String
}

func sharedDirectory() -> URL {
    if let override = ProcessInfo.processInfo.environment["VIGIL_SHARED_DIR"] {
        return URL(fileURLWithPath: override)
    }
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            return url.deletingLastPathComponent().appendingPathComponent("shared")
        }
        url.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: "../shared")
}

/// Parses `bytes` once; returns the number of samples.
func parseOnce(_ bytes: [UInt8], _ benchmark: BenchmarkCase, symbols: inout SymbolTable) throws -> Int {
    var parser = benchmark.format.parser(bytes: bytes, symbols: symbols, openMetricsOptions: benchmark.options)
    var samples = 0
    while let entry = try parser.next() {
        if case .sample = entry { samples += 1 }
    }
    symbols = parser.symbols
    return samples
}

let secondsPerCase = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 1.0
let directory = sharedDirectory().appendingPathComponent("conformance/textparse")
let lenient = OpenMetricsParser.Options.prometheusCompatible
let strict = OpenMetricsParser.Options()
let cases = [
    BenchmarkCase(file: "promtestdata.txt", format: .text, options: lenient, label: "text"),
    BenchmarkCase(file: "promtestdata.txt", format: .openMetrics, options: lenient, label: "openmetrics"),
    BenchmarkCase(file: "promtestdata.nometa.txt", format: .text, options: lenient, label: "text"),
    BenchmarkCase(file: "benchmark/alltypes.237mfs.prom.txt", format: .text, options: lenient, label: "text"),
    BenchmarkCase(file: "benchmark/alltypes.237mfs.nometa.prom.txt", format: .text, options: lenient, label: "text"),
    BenchmarkCase(file: "benchmark/alltypes.5mfs.om.txt", format: .openMetrics, options: lenient, label: "openmetrics"),
    BenchmarkCase(file: "benchmark/1histogram.om.txt", format: .openMetrics, options: lenient, label: "openmetrics"),
    BenchmarkCase(file: "benchmark/1histogram.om.txt", format: .openMetrics, options: strict, label: "openmetrics strict"),
]

print("Exposition parser benchmark (\(secondsPerCase) s per case, symbol table reused across passes)")
print("file".padding(toLength: 44, withPad: " ", startingAt: 0), "parser".padding(toLength: 19, withPad: " ", startingAt: 0),
      "passes", "      MB/s", "   samples/s")
var failed = false
for benchmark in cases {
    guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(benchmark.file).path) else {
        print("missing \(benchmark.file) under \(directory.path)")
        failed = true
        continue
    }
    let bytes = Array(data)
    var symbols = SymbolTable()
    do {
        _ = try parseOnce(bytes, benchmark, symbols: &symbols)  // warm up, fill the table
        let clock = ContinuousClock()
        var passes = 0
        var samples = 0
        let start = clock.now
        var elapsed = Duration.zero
        while elapsed < .milliseconds(Int64(secondsPerCase * 1000)) {
            samples += try parseOnce(bytes, benchmark, symbols: &symbols)
            passes += 1
            elapsed = clock.now - start
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(bytes.count * passes) / 1_000_000
        print(benchmark.file.padding(toLength: 44, withPad: " ", startingAt: 0),
              benchmark.label.padding(toLength: 19, withPad: " ", startingAt: 0),
              String(passes).padding(toLength: 6, withPad: " ", startingAt: 0),
              String(format: "%10.1f", megabytes / seconds), String(format: "%12.0f", Double(samples) / seconds))
    } catch {
        print("\(benchmark.file): \(error)")
        failed = true
    }
}
if failed { exit(1) }
