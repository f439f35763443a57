#if canImport(AsyncHTTPClient)
import AsyncHTTPClient
import Foundation

/// Debian's Prometheus 2.42 run on 127.0.0.1 with a throwaway data directory, read through
/// its HTTP API (`/api/v1/series`, `/api/v1/query`, `/api/v1/targets`).
final class PrometheusOracle: Sendable {
    static let executable = "/usr/bin/prometheus"

    /// One entry of `/api/v1/targets`' `activeTargets`.
    struct TargetStatus: Sendable {
        var job: String
        var scrapeURL: String
        var health: String
        var lastError: String
    }

    let port: Int
    private let process: OracleProcess
    private let http: HTTPClient

    /// Starts Prometheus with `config`; call ``waitUntilReady()`` before querying and
    /// ``stop()`` always.
    init(config: PrometheusConfig, http: HTTPClient) throws {
        let directory = try OracleProcess.temporaryDirectory("vigil-prometheus")
        let configFile = directory.appendingPathComponent("prometheus.yml")
        try config.write(to: configFile)
        port = try OracleProcess.freePort()
        self.http = http
        process = try OracleProcess(Self.executable, arguments: [
            "--config.file=\(configFile.path)",
            "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
            "--log.level=warn",
        ], directory: directory)
    }

    /// The process id (for CPU and memory readings in benchmarks).
    var pid: Int32 { process.pid }

    /// What Prometheus logged (for failure messages).
    var output: String { process.output }

    /// Waits until `/-/ready` answers 200, at most `limit`.
    func waitUntilReady(limit: Duration = .seconds(30)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while clock.now < deadline {
            guard process.isRunning else { throw OracleError("prometheus exited:\n\(output)") }
            if let status = try? await get("/-/ready").status, status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))  // a real process: poll its port
        }
        throw OracleError("prometheus not ready after \(limit):\n\(output)")
    }

    func stop() async { await process.stop() }

    /// Label sets of every series matching `selector` between `start` and `end` (seconds).
    func series(_ selector: String, start: Double, end: Double) async throws -> Set<[String: String]> {
        let data = try await api("/api/v1/series", ["match[]": selector, "start": "\(start)", "end": "\(end)"])
        guard let list = data as? [[String: String]] else { throw OracleError("unexpected series answer: \(data)") }
        return Set(list)
    }

    /// An instant query at `time` (seconds): each result's labels and value.
    func query(_ expression: String, at time: Double) async throws -> [[String: String]: Double] {
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

    /// The active targets with their health and last error.
    func targets() async throws -> [TargetStatus] {
        let data = try await api("/api/v1/targets", ["state": "active"])
        guard let object = data as? [String: Any], let active = object["activeTargets"] as? [[String: Any]] else {
            throw OracleError("unexpected targets answer: \(data)")
        }
        return active.map { target in
            TargetStatus(job: target["scrapePool"] as? String ?? "", scrapeURL: target["scrapeUrl"] as? String ?? "",
                         health: target["health"] as? String ?? "", lastError: target["lastError"] as? String ?? "")
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
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(pathAndQuery)")
        let response = try await http.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (response.status.code, Array(body.readableBytesView))
    }
}
#endif
