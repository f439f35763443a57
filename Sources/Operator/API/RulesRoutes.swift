import Foundation
import Hummingbird
import Rules

/// `/api/v1/rules` (with `?type=alert|record`) and `/api/v1/alerts` over the embedded rule
/// evaluator, in Prometheus's JSON shape, beside ``PrometheusAPI``'s query endpoints.
public enum RulesRoutes {
    /// Mounts both endpoints under `prefix` on `router`.
    public static func add<Context: RequestContext>(to router: Router<Context>, rules: RuleManager,
                                                    prefix: RouterPath = "/api/v1") {
        let group = router.group(prefix)
        group.get("rules") { request, _ in
            let type = request.uri.queryParameters.get("type")
            return try json(RulesAPI.rules(await rules.snapshot(), type: type))
        }
        group.get("alerts") { _, _ in
            try json(RulesAPI.alerts(await rules.snapshot()))
        }
    }

    static func json(_ value: some Encodable) throws -> Response {
        let body = try JSONEncoder().encode(value)
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
