import Foundation

/// Debian's Prometheus 2.42 run as a live oracle on 127.0.0.1 with a throwaway data
/// directory, read through its HTTP API (`/api/v1/series`, `/api/v1/query`,
/// `/api/v1/targets`).
///
/// ```swift
/// let prometheus = try PrometheusProcess(configuration: yaml, files: ["targets.json": json],
///                                        fetch: { url in try await http.testGet(url) })
/// do { try await prometheus.waitUntilReady(); ... } catch { ... }
/// await prometheus.stop()   // on every path
/// ```
///
/// HTTP goes through `fetch` so this target needs no HTTP client library; test targets
/// pass a closure over the client they already use.
public final class PrometheusProcess: Sendable {
    /// Where Debian installs Prometheus.
    public static let executable = "/usr/bin/prometheus"

    /// GETs an absolute URL and returns the status code and body.
    public typealias Fetch = @Sendable (_ url: String) async throws -> (status: UInt, body: [UInt8])

    /// One entry of `/api/v1/targets`' `activeTargets`.
    public struct TargetStatus: Sendable, Hashable {
        /// `scrapePool`: the job name.
        public var job: String
        /// `scrapeUrl`.
        public var scrapeURL: String
        /// `up`, `down` or `unknown` (not scraped yet).
        public var health: String
        /// `lastError`, empty after a successful scrape.
        public var lastError: String
        /// `labels`: the target labels after relabeling (no `__` labels).
        public var labels: [String: String]
    }

    /// The port of the web API on 127.0.0.1.
    public let port: Int
    private let process: OracleProcess
    private let fetch: Fetch

    /// Writes `configuration` to `prometheus.yml` and each of `files` (name → contents)
    /// beside it — relative paths in the configuration (file_sd `files`) resolve there —
    /// then starts Prometheus. Call ``waitUntilReady(limit:)`` before querying and
    /// ``stop()`` always.
    public init(configuration: String, files: [String: String] = [:], fetch: @escaping Fetch) throws {
        let directory = try OracleProcess.temporaryDirectory("vigil-prometheus")
        let configFile = directory.appendingPathComponent("prometheus.yml")
        try Data(configuration.utf8).write(to: configFile)
        for (name, contents) in files {
            try Data(contents.utf8).write(to: directory.appendingPathComponent(name))
        }
        port = try OracleProcess.freePort()
        self.fetch = fetch
        process = try OracleProcess(Self.executable, arguments: [
            "--config.file=\(configFile.path)",
            "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--log.level=warn",
        ], directory: directory)
    }

    /// The process id (for CPU and memory readings in benchmarks).
    public var pid: Int32 { process.pid }

    /// What Prometheus logged (for failure messages).
    public var output: String { process.output }

    /// Waits until `/-/ready` answers 200, at most `limit`.
    public func waitUntilReady(limit: Duration = .seconds(30)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while clock.now < deadline {
            guard process.isRunning else { throw OracleError("prometheus exited:\n\(output)") }
            // Refused connections are expected until it listens.
            if let status = try? await get("/-/ready").status, status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))  // a real process: poll its port
        }
        throw OracleError("prometheus not ready after \(limit):\n\(output)")
    }

    /// Stops the process and removes its directory.
    public func stop() async { await process.stop() }

    /// Label sets of every series matching `selector` between `start` and `end` (seconds).
    public func series(_ selector: String, start: Double, end: Double) async throws -> Set<[String: String]> {
        let data = try await api("/api/v1/series", ["match[]": selector, "start": "\(start)", "end": "\(end)"])
        guard let list = data as? [[String: String]] else { throw OracleError("unexpected series answer: \(data)") }
        return Set(list)
    }

    /// An instant query at `time` (seconds): each result's labels and value.
    public func query(_ expression: String, at time: Double) async throws -> [[String: String]: Double] {
        let data = try await api("/api/v1/query", ["query": expression, "time": "\(time)"])
        guard let object = data as? [String: Any], let results = object["result"] as? [[String: Any]] else {
            throw OracleError("unexpected query answer: \(data)")
        }
        var values: [[String: String]: Double] = [:]
        for result in results {
            guard let metric = result["metric"] as? [String: String], let pair = result["value"] as? [Any],
                  pair.count == 2, let text = pair[1] as? String, let value = Double(text) else {
                throw OracleError("unexpected query result: \(result)")
            }
            values[metric] = value
        }
        return values
    }

    /// The active targets with their labels, health and last error.
    public func targets() async throws -> [TargetStatus] {
        let data = try await api("/api/v1/targets", ["state": "active"])
        guard let object = data as? [String: Any], let active = object["activeTargets"] as? [[String: Any]] else {
            throw OracleError("unexpected targets answer: \(data)")
        }
        return active.map { target in
            TargetStatus(job: target["scrapePool"] as? String ?? "", scrapeURL: target["scrapeUrl"] as? String ?? "",
                         health: target["health"] as? String ?? "", lastError: target["lastError"] as? String ?? "",
                         labels: target["labels"] as? [String: String] ?? [:])
        }
    }

    /// Calls an API endpoint and returns its `data` member.
    private func api(_ path: String, _ parameters: [String: String]) async throws -> Any {
        var query = URLComponents()
        query.queryItems = parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        // URLComponents leaves `+` alone; in a query it would read as a space.
        let encoded = (query.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let (status, body) = try await get("\(path)?\(encoded)")
        guard status == 200, let json = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              json["status"] as? String == "success", let data = json["data"] else {
            throw OracleError("\(path) answered \(status): \(String(decoding: body, as: UTF8.self))")
        }
        return data
    }

    private func get(_ pathAndQuery: String) async throws -> (status: UInt, body: [UInt8]) {
        try await fetch("http://127.0.0.1:\(port)\(pathAndQuery)")
    }
}
