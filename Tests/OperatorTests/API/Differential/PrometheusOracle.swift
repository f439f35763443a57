import AsyncHTTPClient
import Foundation
import NIOCore
import VigilTestSupport

/// Debian's `prometheus` 2.42 and `promtool` as a test oracle: builds blocks from an
/// OpenMetrics file, serves them on 127.0.0.1 from a temporary directory, and is always
/// stopped by ``stop()``.
final class PrometheusOracle: Sendable {
    static let prometheusPath = "/usr/bin/prometheus"
    static let promtoolPath = "/usr/bin/promtool"

    enum Failure: Error, CustomStringConvertible {
        case missingBinary(String)
        case commandFailed(String, String)
        case notReady(String)
        var description: String {
            switch self {
            case .missingBinary(let path): return "\(path) is not installed"
            case .commandFailed(let command, let output): return "\(command) failed: \(output)"
            case .notReady(let log): return "prometheus did not become ready: \(log)"
            }
        }
    }

    /// True when both binaries exist. Outside CI a missing oracle skips the test; in CI
    /// (`CI=true`) it is a failure.
    static func isAvailable() throws -> Bool {
        for path in [prometheusPath, promtoolPath] where !FileManager.default.isExecutableFile(atPath: path) {
            if SharedData.isCI { throw Failure.missingBinary(path) }
            return false
        }
        return true
    }

    let directory: URL
    let port: Int
    private let process: Process

    private init(directory: URL, port: Int, process: Process) {
        self.directory = directory
        self.port = port
        self.process = process
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Writes `openMetrics` to a temporary directory, runs `promtool tsdb
    /// create-blocks-from openmetrics`, starts Prometheus over the blocks and waits until it
    /// answers `/-/ready`.
    static func start(openMetrics: String, httpClient: HTTPClient) async throws -> PrometheusOracle {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-oracle-\(UUID().uuidString)")
        let data = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let input = directory.appendingPathComponent("data.om")
        try Data(openMetrics.utf8).write(to: input)
        let config = directory.appendingPathComponent("prometheus.yml")
        try Data("global: {}\n".utf8).write(to: config)
        try run(promtoolPath, ["tsdb", "create-blocks-from", "openmetrics", input.path, data.path])

        let port = try OracleProcess.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prometheusPath)
        process.arguments = [
            "--config.file=\(config.path)", "--storage.tsdb.path=\(data.path)",
            "--storage.tsdb.retention.time=100y", "--web.listen-address=127.0.0.1:\(port)",
        ]
        let log = directory.appendingPathComponent("prometheus.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        let oracle = PrometheusOracle(directory: directory, port: port, process: process)
        do {
            try await oracle.waitUntilReady(httpClient: httpClient, log: log)
        } catch {
            oracle.stop()
            throw error
        }
        return oracle
    }

    /// Stops the server and removes its directory.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)  // a leftover temp dir is harmless
    }

    private func waitUntilReady(httpClient: HTTPClient, log: URL) async throws {
        for _ in 0..<300 {
            if !process.isRunning { break }
            var request = HTTPClientRequest(url: baseURL + "/-/ready")
            request.method = .GET
            // Refused connections are expected until the server listens.
            if let response = try? await httpClient.execute(request, timeout: .seconds(2)), response.status == .ok {
                return
            }
            try await Task.sleep(for: .milliseconds(100))  // polling a child process; no signal to await
        }
        throw Failure.notReady((try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    /// Runs a command to completion; throws with its output when it fails.
    @discardableResult
    static func run(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.commandFailed(([path] + arguments).joined(separator: " "), output)
        }
        return output
    }
}

/// GETs API JSON from either server.
struct APIFetcher: Sendable {
    let httpClient: HTTPClient

    /// The status code and the parsed JSON envelope of `baseURL + path?query`.
    func get(_ baseURL: String, _ path: String, _ parameters: [(String, String)]) async throws
        -> (status: Int, json: [String: Any]) {
        let query = parameters.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
        var request = HTTPClientRequest(url: baseURL + path + "?" + query)
        request.method = .GET
        let response = try await httpClient.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 256 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
        return (Int(response.status.code), object)
    }

    static func escape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
