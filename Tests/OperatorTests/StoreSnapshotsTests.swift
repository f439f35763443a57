import Foundation
import KubernetesClient
import Logging
@testable import Operator
import Prometheus
import Synchronization
import Testing
import TSDB

/// `vigil run --data-dir`: the store survives a stop and a start; a missing or broken
/// snapshot never stops the operator.
@Suite("store snapshots across restarts")
struct StoreSnapshotsTests {
    /// A fresh directory path (not created) under the temporary directory.
    static func scratchDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vigil-data-\(UUID().uuidString)").path
    }

    /// Log lines (level and message) a test can read back.
    final class CapturedLogs: Sendable {
        let lines = Mutex<[(Logger.Level, String)]>([])

        var logger: Logger {
            Logger(label: "vigil-snapshot-test") { _ in Handler(sink: self) }
        }

        func contains(_ level: Logger.Level, _ text: String) -> Bool {
            lines.withLock { $0.contains { $0.0 == level && $0.1.contains(text) } }
        }

        struct Handler: LogHandler {
            let sink: CapturedLogs
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .trace

            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }

            func log(event: LogEvent) {
                let details = (event.metadata ?? [:]).merging(metadata) { current, _ in current }
                    .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                sink.lines.withLock { $0.append((event.level, "\(event.message) \(details)")) }
            }
        }
    }

    static func samples(_ store: TimeSeriesStore, _ name: String) throws -> [Point] {
        store.querier(mint: .min, maxt: .max).select([try LabelMatcher(.equal, "__name__", name)]).flatMap(\.points)
    }

    @Test("samples written before a save are there after a restore from the same directory")
    func roundTrip() throws {
        let directory = Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let snapshots = StoreSnapshots(directory: directory, interval: .seconds(300), logger: quietLogger)
        let store = snapshots.restore()
        var appender = store.appender()
        for index in 0..<10 {
            try appender.append(Labels(["__name__": "slo_errors_total", "slo": "checkout"]), t: Int64(index) * 30_000,
                                v: Double(index))
        }
        appender.commit()
        #expect(snapshots.save(store))

        let restored = snapshots.restore()
        #expect(try Self.samples(restored, "slo_errors_total").map(\.t) == (0..<10).map { Int64($0) * 30_000 })
        #expect(try Self.samples(restored, "slo_errors_total").last?.v == 9)
    }

    @Test("no snapshot yet starts empty and says so at info level")
    func missingSnapshot() throws {
        let logs = CapturedLogs()
        let store = StoreSnapshots(directory: Self.scratchDirectory(), interval: .seconds(300), logger: logs.logger).restore()
        #expect(store.stats().seriesCount == 0)
        #expect(logs.contains(.info, "no snapshot yet"))
    }

    @Test("a corrupt or torn snapshot starts empty with a warning naming the reason; the next save replaces it",
          arguments: [("garbage", Array("not a snapshot at all".utf8)), ("empty file", [])])
    func corruptSnapshot(_ name: String, _ bytes: [UInt8]) throws {
        let directory = Self.scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/" + TimeSeriesStore.snapshotFileName
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let logs = CapturedLogs()
        let snapshots = StoreSnapshots(directory: directory, interval: .seconds(300), logger: logs.logger)

        let store = snapshots.restore()
        #expect(store.stats().seriesCount == 0)
        #expect(logs.contains(.warning, "snapshot unusable"))
        #expect(logs.contains(.warning, "vigil.error="))

        var appender = store.appender()
        try appender.append(Labels(["__name__": "up", "job": "a"]), t: 1_000, v: 1)
        appender.commit()
        #expect(snapshots.save(store))
        #expect(try Self.samples(snapshots.restore(), "up").map(\.v) == [1])
    }

    @Test("a truncated snapshot (a write cut short) is refused whole, not half loaded")
    func truncatedSnapshot() throws {
        let directory = Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let snapshots = StoreSnapshots(directory: directory, interval: .seconds(300), logger: quietLogger)
        let store = TimeSeriesStore()
        var appender = store.appender()
        for index in 0..<50 { try appender.append(Labels(["__name__": "m", "i": "\(index)"]), t: 1_000, v: 1) }
        appender.commit()
        #expect(snapshots.save(store))
        let file = URL(fileURLWithPath: directory + "/" + TimeSeriesStore.snapshotFileName)
        let whole = try Data(contentsOf: file)
        try whole.prefix(whole.count / 2).write(to: file)
        #expect(snapshots.restore().stats().seriesCount == 0)
    }

    @Test("a directory that cannot be created makes save fail with a logged error, not a crash")
    func unwritableDirectory() {
        let logs = CapturedLogs()
        let snapshots = StoreSnapshots(directory: "/nonexistent-parent/vigil", interval: .seconds(300), logger: logs.logger)
        #expect(!snapshots.save(TimeSeriesStore()))
        #expect(logs.contains(.error, "could not write a snapshot"))
    }

    @Test("the periodic writer snapshots the live store every interval until cancelled")
    func periodic() async throws {
        let directory = Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let snapshots = StoreSnapshots(directory: directory, interval: .milliseconds(50), logger: quietLogger)
        let store = TimeSeriesStore()
        let writer = Task { await snapshots.runPeriodically(store) }
        var appender = store.appender()
        try appender.append(Labels(["__name__": "up", "job": "a"]), t: 1_000, v: 1)
        appender.commit()
        #expect(try await eventually {
            (try? TimeSeriesStore.restore(from: directory)).map { $0.stats().seriesCount } == 1
        })
        writer.cancel()
        await writer.value
    }

    @Test("a stopping runner writes a last snapshot the next start restores")
    func runnerSnapshotsOnStop() async throws {
        let directory = Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Far longer than the test: only the snapshot taken when the runner stops can exist.
        let snapshots = StoreSnapshots(directory: directory, interval: .seconds(3600), logger: quietLogger)
        let file = directory + "/" + TimeSeriesStore.snapshotFileName
        try await FakeAPIServerTests.Harness.run { h in
            let monitor = try await h.cluster.apply(Fixture.monitor())
            let runner = OperatorRunner(
                options: OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(300)),
                metricsAddress: OperatorHTTPServer.Address(host: "127.0.0.1", port: 0), apiAddress: nil,
                leaderElection: nil, snapshots: snapshots)
            let running = Task {
                try await runner.run(client: h.client, scrapeClient: h.scraper, registry: PrometheusCollectorRegistry(),
                                     logger: quietLogger)
            }
            // Ready means the target was scraped, so the store holds its samples.
            #expect(try await eventually { try await h.conditions(monitor.key)[.ready]?.status == .true })
            #expect(!FileManager.default.fileExists(atPath: file))
            running.cancel()
            _ = await running.result
        }
        let points = try Self.samples(try TimeSeriesStore.restore(from: directory), "kthena_inference_requests_total")
        #expect(points.contains { $0.v == 10 })
        #expect(!FileManager.default.fileExists(atPath: file + ".tmp"))
        // What the next start restores.
        #expect(try Self.samples(snapshots.restore(), "kthena_inference_requests_total") == points)
    }
}

@Suite("retention in vigil run")
struct RunnerRetentionTests {
    @Test("samples older than the retention are dropped by the periodic task; newer ones stay")
    func dropsOldSamples() async throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let store = TimeSeriesStore(options: TimeSeriesStore.Options(retention: 3_600_000))
        var appender = store.appender()
        try appender.append(Labels(["__name__": "old"]), t: now - 7_200_000, v: 1)
        try appender.append(Labels(["__name__": "new"]), t: now - 60_000, v: 1)
        appender.commit()
        #expect(store.stats().seriesCount == 2)
        let task = Task { await OperatorRunner.applyRetentionPeriodically(store, every: .milliseconds(10), logger: quietLogger) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await task.value
        #expect(store.stats().seriesCount == 1)
    }
}
