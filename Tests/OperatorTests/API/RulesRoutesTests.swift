import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Operator
import Rules
import Testing
import TSDB

@Suite("/api/v1/rules and /api/v1/alerts")
struct RulesRoutesTests {
    @Test("the loaded groups and their rules are listed in Prometheus's shape; ?type filters; alerts answer")
    func rulesAndAlerts() async throws {
        let manager = RuleManager(storage: TimeSeriesStore(), clock: ContinuousClock(), now: { 0 },
                                  logger: Logger(label: "vigil.test"))
        try await manager.update(groups: [RuleGroupDefinition(name: "kthena", file: "kthena.yaml", rules: [
            .record("job:x:sum", "sum by (job) (x)"),
            .alert("XHigh", "x > 0", for: 60_000, labels: ["severity": "page"]),
        ])])
        let router = Router()
        RulesRoutes.add(to: router, rules: manager)
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/v1/rules", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(body.contains(#""status":"success""#))
                #expect(body.contains(#""name":"kthena""#) && body.contains("job:x:sum") && body.contains("XHigh"))
            }
            try await client.execute(uri: "/api/v1/rules?type=record", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(body.contains("job:x:sum") && !body.contains("XHigh"))
            }
            try await client.execute(uri: "/api/v1/alerts", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""alerts":[]"#))
            }
        }
    }
}
