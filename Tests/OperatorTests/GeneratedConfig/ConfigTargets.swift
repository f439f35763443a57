import Foundation
import Hummingbird

/// The in-process metrics endpoints scraped by both Vigil's engine and Prometheus in
/// ``GeneratedConfigOracleTests``. Every path serves fixed series, so what each scraper
/// stores depends only on which targets it scrapes and how it relabels.
enum ConfigTargets {
    /// Credentials `/secure/metrics` accepts (also in the scenario's Secret).
    static let username = "scraper"
    static let password = "s3cr3t: yes"
    /// The bearer token `/token/metrics` accepts.
    static let token = "t0ken-42"

    /// The paths served.
    enum Path {
        /// Plain metrics; `shop_debug_*` is what metric relabeling drops.
        static let plain = "/metrics"
        /// Needs the `module` query parameter (from the monitor's `params`); 400 without it.
        /// Every `target` parameter shows in a label, in order.
        static let probe = "/probe"
        /// Needs basic auth; 401 without it.
        static let secure = "/secure/metrics"
        /// Series carrying their own `job` and `instance` labels (for honorLabels).
        static let exported = "/exported/metrics"
        /// A 302 to ``plain`` (for followRedirects).
        static let moved = "/moved"
        /// Needs `Authorization: Bearer <token>`; 401 without it.
        static let token = "/token/metrics"
    }

    /// One router for every listening port.
    static func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get(RouterPath(stringLiteral: Path.plain)) { _, _ in
            text("""
                # TYPE shop_requests_total counter
                shop_requests_total{code="200"} 42
                shop_requests_total{code="500"} 1
                # TYPE shop_queue_depth gauge
                shop_queue_depth 3
                # TYPE shop_debug_goroutines gauge
                shop_debug_goroutines 17

                """)
        }
        router.get(RouterPath(stringLiteral: Path.probe)) { request, _ in
            guard let module = request.uri.queryParameters.get("module") else {
                return Response(status: .badRequest)
            }
            let targets = request.uri.queryParameters.getAll("target").joined(separator: ",")
            return text("probe_success{module=\"\(module)\",targets=\"\(targets)\"} 1\nprobe_duration_seconds 0.25\n")
        }
        router.get(RouterPath(stringLiteral: Path.secure)) { request, _ in
            let expected = "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
            guard request.headers[.authorization] == expected else { return Response(status: .unauthorized) }
            return text("secure_logins_total{method=\"password\"} 7\n")
        }
        router.get(RouterPath(stringLiteral: Path.exported)) { _, _ in
            text("""
                # TYPE federated_up gauge
                federated_up{job="exported-job",instance="exported-instance"} 1
                federated_up{job="exported-job",instance="other-instance",zone="b"} 0

                """)
        }
        router.get(RouterPath(stringLiteral: Path.token)) { request, _ in
            guard request.headers[.authorization] == "Bearer \(token)" else { return Response(status: .unauthorized) }
            return text("token_checks_total 3\n")
        }
        router.get(RouterPath(stringLiteral: Path.moved)) { _, _ in
            Response(status: .found, headers: [.location: Path.plain])
        }
        return router
    }

    private static func text(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
