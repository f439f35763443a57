#if canImport(Hummingbird)
import Exposition
import Hummingbird
import Synchronization

/// The targets both Prometheus and Vigil scrape in the differential test, all on one
/// in-process server: each path is a job of its own, so series of different targets never
/// share `job`/`instance`.
final class DifferentialTargets: Sendable {
    /// Paths served, one per job.
    enum Path: String, CaseIterable, Sendable {
        /// Counters, gauges, a histogram, a summary, untyped samples, escaped label values,
        /// NaN/±Inf, an empty label value and labels that clash with target labels.
        case ok
        /// The same body, scraped with a `sample_limit` it exceeds.
        case limited
        /// HTTP 500.
        case error
        /// Two valid samples, then a line that does not parse.
        case bad
        /// The `ok` body, but only after `slowDelay` (longer than the scrape timeout).
        case slow
    }

    /// How long `/slow` waits before answering.
    static let slowDelay: Duration = .seconds(2)
    /// The metric name prefix that the `ok` job's metric relabeling drops.
    static let droppedPrefix = "demo_dropped_"

    private let requests = Mutex(0)

    /// The routes.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        for path in [Path.ok, .limited] {
            router.get(RouterPath(stringLiteral: path.rawValue)) { _, _ in self.okResponse() }
        }
        router.get(RouterPath(stringLiteral: Path.error.rawValue)) { _, _ in
            Response(status: .internalServerError, body: ResponseBody(byteBuffer: ByteBuffer(string: "boom\n")))
        }
        router.get(RouterPath(stringLiteral: Path.bad.rawValue)) { _, _ in
            Self.text("# TYPE demo_fine gauge\ndemo_fine 1\ndemo_fine_too 2\ndemo_broken{code=\"200\" 3\n")
        }
        router.get(RouterPath(stringLiteral: Path.slow.rawValue)) { _, _ in
            try? await Task.sleep(for: Self.slowDelay)  // the point of this target: answer late
            return self.okResponse()
        }
        return router
    }

    private func okResponse() -> Response {
        let count = requests.withLock { count in
            count += 1
            return count
        }
        return Self.text(ExpositionWriter(format: .text).write(Self.families(requestCount: count)))
    }

    private static func text(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// The `ok` body; counter values grow with `requestCount`, the series never change.
    static func families(requestCount: Int) -> [MetricFamily] {
        let n = Double(requestCount)
        func sample(_ name: String, _ labels: [String: String] = [:], _ value: Double) -> ExpositionSample {
            var all = labels
            all[Exposition.Labels.metricNameLabel] = name
            return ExpositionSample(labels: Exposition.Labels(all), value: value)
        }
        let requests = "demo_requests_total"
        let latency = "demo_latency_seconds"
        let rpc = "demo_rpc_seconds"
        return [
            MetricFamily(name: requests, type: .counter, help: "Requests served.", samples: [
                sample(requests, ["method": "GET", "code": "200"], 10 * n),
                sample(requests, ["method": "POST", "code": "500"], n),
                sample(requests, ["method": "GET", "path": "/a\"b\\c\nd"], 2 * n),
            ]),
            MetricFamily(name: "demo_temperature_celsius", type: .gauge, samples: [
                sample("demo_temperature_celsius", ["room": "a"], 21.5),
                sample("demo_temperature_celsius", ["room": "nan"], .nan),
                sample("demo_temperature_celsius", ["room": "hot"], .infinity),
                sample("demo_temperature_celsius", ["room": "cold"], -.infinity),
            ]),
            MetricFamily(name: latency, type: .histogram, samples: [
                sample("\(latency)_bucket", ["handler": "api", "le": "0.1"], n),
                sample("\(latency)_bucket", ["handler": "api", "le": "0.5"], 2 * n),
                sample("\(latency)_bucket", ["handler": "api", "le": "+Inf"], 3 * n),
                sample("\(latency)_sum", ["handler": "api"], 0.7 * n),
                sample("\(latency)_count", ["handler": "api"], 3 * n),
            ]),
            MetricFamily(name: rpc, type: .summary, samples: [
                sample(rpc, ["quantile": "0.5"], 0.01),
                sample(rpc, ["quantile": "0.99"], 0.2),
                sample("\(rpc)_sum", [:], 0.05 * n),
                sample("\(rpc)_count", [:], n),
            ]),
            MetricFamily(name: "demo_untyped", type: .untyped, samples: [sample("demo_untyped", [:], 7)]),
            MetricFamily(name: "demo_empty_label", type: .gauge, samples: [sample("demo_empty_label", ["a": ""], 1)]),
            MetricFamily(name: "demo_conflict", type: .gauge, samples: [
                sample("demo_conflict", ["job": "inner", "instance": "elsewhere", "exported_job": "x"], 1),
            ]),
            MetricFamily(name: "\(droppedPrefix)a", type: .gauge, samples: [sample("\(droppedPrefix)a", [:], 1)]),
            MetricFamily(name: "\(droppedPrefix)b", type: .gauge, samples: [sample("\(droppedPrefix)b", ["x": "y"], 2)]),
        ]
    }
}
#endif
