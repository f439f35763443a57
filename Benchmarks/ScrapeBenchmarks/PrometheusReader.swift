import AsyncHTTPClient
import Foundation
import Scrape

/// Reads a running Prometheus: readiness, its own `/metrics` (parsed by Vigil's scraper),
/// and single-number instant queries.
struct PrometheusReader {
    let port: Int
    let http: HTTPClient

    func waitUntilReady() async throws {
        for _ in 0..<300 {
            let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/-/ready")
            if let response = try? await http.execute(request, timeout: .seconds(2)), response.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))  // a real process: poll until it listens
        }
        throw BenchmarkError("prometheus did not become ready on port \(port)")
    }

    /// The sum of every sample named `name` on Prometheus's own `/metrics`.
    func metric(_ name: String) async throws -> Double {
        let result = await ScrapeOnce.scrape(url: "http://127.0.0.1:\(port)/metrics", options: .init(),
                                             client: try HTTPScrapeClient(httpClient: http))
        let samples = try result.outcome.get()
        return samples.filter { $0.metricName == name }.reduce(0) { $0 + $1.value }
    }

    /// The value of an instant query whose result is one sample (0 when empty).
    func query(_ expression: String, at time: Double) async throws -> Double {
        var components = URLComponents(string: "http://127.0.0.1:\(port)/api/v1/query")
        components?.queryItems = [URLQueryItem(name: "query", value: expression), URLQueryItem(name: "time", value: "\(time)")]
        guard let url = components?.url?.absoluteString.replacingOccurrences(of: "+", with: "%2B") else {
            throw BenchmarkError("bad query \(expression)")
        }
        let response = try await http.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        guard let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
              let data = json["data"] as? [String: Any], let results = data["result"] as? [[String: Any]] else {
            throw BenchmarkError("query \(expression) failed: \(String(decoding: body.readableBytesView, as: UTF8.self))")
        }
        guard let first = results.first, let pair = first["value"] as? [Any], pair.count == 2,
              let text = pair[1] as? String, let value = Double(text) else { return 0 }
        return value
    }
}
