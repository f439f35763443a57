import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A child process (Debian's `prometheus`, `prometheus-node-exporter`, `openssl`) run for
/// one test, with its output in a file and a guaranteed stop.
///
/// ```swift
/// let process = try OracleProcess("/usr/bin/prometheus", arguments: [...],
///                                 directory: try OracleProcess.temporaryDirectory("vigil-prometheus"))
/// defer { Task { await process.stop() } }   // or await process.stop() on every path
/// ```
///
/// Its exit is awaited through `terminationHandler`, never `waitUntilExit()`: a blocking
/// wait would hold one of the two cooperative threads that in-process targets need.
public final class OracleProcess: Sendable {
    /// The executable's path.
    public let executable: String
    /// The process's own temporary directory (data directory, log file); ``stop(grace:)``
    /// removes it.
    public let directory: URL
    private let process: Process
    private let exit: AsyncStream<Int32>

    /// Starts `executable` with `arguments` in `directory`; stdout and stderr go to
    /// `directory/output.log`.
    public init(_ executable: String, arguments: [String], directory: URL) throws {
        self.executable = executable
        self.directory = directory
        let log = directory.appendingPathComponent("output.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { finished in
            continuation.yield(finished.terminationStatus)
            continuation.finish()
        }
        try process.run()
        self.process = process
        self.exit = stream
    }

    /// The process id, for reading `/proc/<pid>/stat`.
    public var pid: Int32 { process.processIdentifier }

    /// Whether it is still running.
    public var isRunning: Bool { process.isRunning }

    /// What it printed so far (for failure messages).
    public var output: String {
        (try? String(contentsOf: directory.appendingPathComponent("output.log"), encoding: .utf8)) ?? ""
    }

    /// Waits for the process to exit by itself and returns its status (for short commands).
    public func exitStatus() async -> Int32 {
        for await status in exit { return status }
        return process.terminationStatus
    }

    /// Sends SIGTERM, waits up to `grace` for the exit, then SIGKILL; removes the directory.
    public func stop(grace: Duration = .seconds(5)) async {
        if process.isRunning { process.terminate() }
        let exited = await withTaskGroup(of: Bool.self) { group in
            group.addTask { [exit] in
                for await _ in exit { return true }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: grace)  // real process: wall-clock grace period
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !exited && process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            // The exit stream ended with the cancelled wait above; poll the last few ms.
            for _ in 0..<500 where process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        }
        try? FileManager.default.removeItem(at: directory)  // cleanup only; a leftover temp dir is harmless
    }

    /// A fresh temporary directory named after `prefix`.
    public static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Whether `path` can run here. Callers decide what a missing oracle means: under
    /// CI=true (``SharedData/isCI``) a failure, otherwise a skip with a message.
    public static func isAvailable(_ path: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: path)
    }

    /// Whether a test needing `path` can run: true when it is installed; when it is not,
    /// under CI=true (``SharedData/isCI``) throws — a missing oracle fails the test there —
    /// and elsewhere prints that the test is skipped and returns false.
    ///
    /// ```swift
    /// guard try OracleProcess.availableOrSkipped(PrometheusProcess.executable, package: "prometheus") else { return }
    /// ```
    public static func availableOrSkipped(_ path: String, package: String) throws -> Bool {
        if isAvailable(path) { return true }
        if SharedData.isCI { throw OracleError("\(path) is required when CI=true (apt-get install \(package))") }
        print("skipped: \(path) is not installed (apt-get install \(package))")  // test output
        return false
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0, read, close).
    /// Another process could take it before the caller binds; the tests accept that risk.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw OracleError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw OracleError("bind() failed: errno \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw OracleError("getsockname() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
