import Foundation
import Testing
import VigilTestSupport

/// `vigil run --data-dir` as a process: SIGTERM writes the last snapshot, the next start
/// restores it, and a corrupt snapshot does not keep the operator from starting.
@Suite("vigil run --data-dir", .serialized)
struct RunDataDirTests {
    /// A running `vigil run` whose stderr goes to a file the test reads while it runs.
    final class RunningVigil {
        let process = Process()
        let stderrURL: URL
        private let exit: Task<Int32, Never>

        init(_ arguments: [String], scratch: URL) throws {
            stderrURL = scratch.appendingPathComponent("stderr-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
            process.executableURL = VigilBinary.url
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "KUBECONFIG")
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: stderrURL)
            // The exit is awaited through terminationHandler: waitUntilExit would hold one of
            // the cooperative threads the in-process fake API server needs.
            let (statuses, continuation) = AsyncStream.makeStream(of: Int32.self)
            process.terminationHandler = { process in
                continuation.yield(process.terminationStatus)
                continuation.finish()
            }
            exit = Task { await statuses.first { _ in true } ?? -1 }
            try process.run()
        }

        var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

        /// Sends SIGTERM and returns the exit status; nil (after SIGKILL) when the process
        /// has not exited within `grace`, like the kubelet's termination grace period.
        func terminate(grace: Duration = .seconds(60)) async -> Int32? {
            kill(process.processIdentifier, SIGTERM)
            let (exit, pid) = (self.exit, process.processIdentifier)
            return await withTaskGroup(of: Int32?.self) { group in
                group.addTask { await exit.value }
                group.addTask {
                    // Killing it also ends the other child, which waits for the exit.
                    do { try await Task.sleep(for: grace) } catch { return 0 }
                    kill(pid, SIGKILL)
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
        }

        /// Kills the process if a test left it running.
        func kill9() {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    static func waitFor(_ text: String, in vigil: RunningVigil) async throws -> Bool {
        for _ in 0..<1200 {
            if vigil.stderr.contains(text) { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return vigil.stderr.contains(text)
    }

    @Test("SIGTERM writes a snapshot the next start restores; a corrupt one is logged and replaced")
    func snapshotAcrossRestarts() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-datadir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let dataDir = scratch.appendingPathComponent("data").path
        let snapshot = dataDir + "/tsdb.snapshot"
        try await KubeCommandTests.withCluster { kubeconfig in
            let arguments = ["run", "--kubeconfig", kubeconfig, "--operator-namespace", "kthena", "--listen", "",
                             "--metrics-listen", "127.0.0.1:0", "--data-dir", dataDir, "--snapshot-interval", "1h",
                             "--log-level", "info"]

            let first = try RunningVigil(arguments, scratch: scratch)
            defer { first.kill9() }
            #expect(try await Self.waitFor("caches synced", in: first), "\(first.stderr)")
            #expect(first.stderr.contains("no snapshot yet"), "\(first.stderr)")
            #expect(!FileManager.default.fileExists(atPath: snapshot), "the interval is an hour: only SIGTERM writes")
            #expect(await first.terminate() == 0, "\(first.stderr)")
            #expect(FileManager.default.fileExists(atPath: snapshot), "\(first.stderr)")

            let second = try RunningVigil(arguments, scratch: scratch)
            defer { second.kill9() }
            // SIGTERM only once the caches synced: a controller still waiting for its first
            // list does not notice the shutdown (reported; ObjectCache.waitUntilSynced).
            #expect(try await Self.waitFor("caches synced", in: second), "\(second.stderr)")
            #expect(second.stderr.contains("restored the store from its snapshot"), "\(second.stderr)")
            #expect(await second.terminate() == 0, "\(second.stderr)")

            try Data("torn".utf8).write(to: URL(fileURLWithPath: snapshot))
            let third = try RunningVigil(arguments, scratch: scratch)
            defer { third.kill9() }
            #expect(try await Self.waitFor("caches synced", in: third), "\(third.stderr)")
            #expect(third.stderr.contains("snapshot unusable"), "\(third.stderr)")
            #expect(await third.terminate() == 0, "\(third.stderr)")
            let rewritten = try Data(contentsOf: URL(fileURLWithPath: snapshot))
            #expect(rewritten != Data("torn".utf8), "the last snapshot replaces the corrupt file")
        }
    }
}
