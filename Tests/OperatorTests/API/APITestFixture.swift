import Hummingbird
import Operator
import TSDB

/// A small store for API tests: two counters of job "api" (instances a and b) and a gauge
/// whose label value needs JSON escaping, every 15 s from 0 to 285 s.
enum APITestFixture {
    /// The OpenMetrics text loaded into ``store()``.
    static let openMetrics: String = {
        var text = "# TYPE http_requests counter\n"
        for step in 0..<20 {
            text += "http_requests_total{instance=\"a\",job=\"api\"} \(step * 10) \(step * 15)\n"
            text += "http_requests_total{instance=\"b\",job=\"api\"} \(step * 20) \(step * 15)\n"
        }
        text += "# TYPE temperature gauge\n"
        for step in 0..<20 {
            let value = step == 19 ? "NaN" : step == 18 ? "+Inf" : "\(step)"
            text += "temperature{room=\"x<y\"} \(value) \(step * 15)\n"
        }
        return text + "# EOF\n"
    }()

    static func store() throws -> TimeSeriesStore {
        let store = TimeSeriesStore()
        _ = try OpenMetricsDataLoader.load(openMetrics, into: store)
        return store
    }

    /// The API over the fixture, with "now" at 285 s.
    static func api() throws -> PrometheusAPI<TimeSeriesStore> {
        PrometheusAPI(storage: try store(), now: { 285_000 })
    }

    static func router() throws -> Router<BasicRequestContext> {
        let router = Router()
        try api().addRoutes(to: router)
        return router
    }
}
