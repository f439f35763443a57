import Hummingbird
import TSDB

extension PrometheusAPI {
    /// Mounts the endpoints under `prefix` (default `/api/v1`) on `router`: GET for all,
    /// POST with an `application/x-www-form-urlencoded` body for those Prometheus accepts
    /// it on (`query`, `query_range`, `series`, `labels`, `format_query`). The operator
    /// adds its own routes (rules, alerts, health) to the same router.
    public func addRoutes<Context: RequestContext>(to router: Router<Context>, prefix: RouterPath = "/api/v1") {
        let group = router.group(prefix)
        let formEndpoints: [(RouterPath, @Sendable (PrometheusAPI, APIParameters) -> APIResponse)] = [
            ("query", { $0.query($1) }),
            ("query_range", { $0.queryRange($1) }),
            ("series", { $0.series($1) }),
            ("labels", { $0.labelNames($1) }),
            ("format_query", { $0.formatQuery($1) }),
        ]
        for (path, endpoint) in formEndpoints {
            group.get(path) { request, _ in
                Self.httpResponse(endpoint(self, APIParameters(query: request.uri.query)))
            }
            group.post(path) { request, context in
                let parameters = try await Self.formParameters(request, maximumBodySize: context.maxUploadSize)
                return Self.httpResponse(endpoint(self, parameters))
            }
        }
        group.get("label/:name/values") { request, context in
            let name = context.parameters.get("name") ?? ""
            return Self.httpResponse(self.labelValues(name: name, APIParameters(query: request.uri.query)))
        }
        group.get("status/buildinfo") { _, _ in
            Self.httpResponse(self.buildInformation())
        }
    }

    /// URL parameters plus a form body, which Go reads only for that content type.
    static func formParameters(_ request: Request, maximumBodySize: Int) async throws -> APIParameters {
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            return APIParameters(query: request.uri.query)
        }
        let body = try await request.collectBody(upTo: maximumBodySize)
        return APIParameters(query: request.uri.query, formBody: String(buffer: body))
    }

    static func httpResponse(_ response: APIResponse) -> Response {
        Response(status: HTTPResponse.Status(code: response.status),
                 headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }
}
