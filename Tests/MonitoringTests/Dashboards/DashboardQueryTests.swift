import Foundation
import PromQL
import Testing
import TSDB
@testable import Monitoring

/// Replaces Grafana's variables in a panel query the way Grafana does before sending it.
enum GrafanaVariables {
    static let builtIns = ["__rate_interval": "1m", "__interval": "1m", "__range": "1h", "__range_s": "3600"]

    /// `$name` and `${name}` for every variable; longer names first, so `$model_id` is not
    /// read as `$model` followed by `_id`.
    static func substitute(_ expr: String, values: [String: String]) -> String {
        let all = builtIns.merging(values) { $1 }
        var result = expr
        for name in all.keys.sorted(by: { $0.count > $1.count }) {
            let value = all[name] ?? ""
            result = result.replacingOccurrences(of: "${\(name)}", with: value)
                .replacingOccurrences(of: "$\(name)", with: value)
        }
        return result
    }
}

/// Every query of every generated dashboard parses with Vigil's PromQL parser once the
/// Grafana variables are filled in, and returns data from the synthetic Kthena scrapes and
/// the SLO rules evaluated over them: no panel shows "No data" because of a typo, a wrong
/// series name or a selector that matches nothing.
@Suite("Dashboard queries against the Kthena demo data")
struct DashboardQueryTests {
    /// A model picked from the `model_id` variable, and "All" (`.*`).
    static let variableChoices: [String] = ["llama-3-8b", ".*"]

    @Test("every panel query parses once the variables are substituted", arguments: variableChoices)
    func queriesParse(modelID: String) throws {
        for dashboard in try KthenaScenario.dashboards() {
            for (panel, expr) in try DashboardJSON(dashboard).expressions {
                let text = GrafanaVariables.substitute(expr, values: ["model_id": modelID])
                #expect(!text.contains("$"), "\(dashboard.uid) \(panel): unresolved variable in \(text)")
                #expect(throws: Never.self, "\(dashboard.uid) \(panel): \(text)") { try Parser.parse(text) }
            }
        }
    }

    @Test("every panel of every Kthena dashboard returns data", arguments: variableChoices)
    func panelsReturnData(modelID: String) throws {
        let data = try KthenaDemoData.shared.get()
        for dashboard in try KthenaScenario.dashboards() {
            for panel in try DashboardJSON(dashboard).panels {
                let title = panel["title"] as? String ?? "?"
                let rangeQuery = panel["type"] as? String == "timeseries"
                for target in panel["targets"] as? [[String: Any]] ?? [] {
                    let expr = GrafanaVariables.substitute(target["expr"] as? String ?? "",
                                                           values: ["model_id": modelID])
                    let where_ = "\(dashboard.title) / \(title): \(expr)"
                    do {
                        let points = try Self.evaluate(expr, range: rangeQuery, on: data)
                        #expect(points > 0, "no data: \(where_)")
                    } catch {
                        Issue.record("query failed: \(where_)\n\(error)")
                    }
                }
            }
        }
    }

    @Test("the SLO panels show the burn the demo data was built with")
    func sloValuesAreRight() throws {
        let data = try KthenaDemoData.shared.get()
        let availability = "{sloth_id=\"kthena-inference-availability\"}"
        let burn = try Self.instant("slo:current_burn_rate:ratio" + availability, on: data)
        #expect(abs(burn - 20) < 0.01, "2% errors against a 0.1% budget burn at 20x, got \(burn)")
        let page = try Self.instant(
            "max(ALERTS{alertname=\"KthenaInferenceAvailabilityBudgetBurn\", sloth_severity=\"page\"})", on: data)
        #expect(page == 1)
        let latency = try Self.instant("slo:current_burn_rate:ratio{sloth_id=\"kthena-inference-latency\"}", on: data)
        #expect(abs(latency - 0.6) < 0.01, "3% slow against a 5% budget burn at 0.6x, got \(latency)")
    }

    /// Points returned: samples of an instant query at the end, or points of a one-hour range.
    static func evaluate(_ expr: String, range: Bool, on data: KthenaDemoData) throws -> Int {
        if range {
            return try data.engine.rangeQuery(expr, start: KthenaDemoData.end - 3_600_000, end: KthenaDemoData.end,
                                              step: 60_000, on: data.store)
                .reduce(0) { $0 + $1.points.count }
        }
        switch try data.engine.instantQuery(expr, at: KthenaDemoData.end, on: data.store) {
        case .vector(let samples): return samples.count
        case .scalar: return 1
        case .matrix(let series): return series.count
        case .string: return 0
        }
    }

    static func instant(_ expr: String, on data: KthenaDemoData) throws -> Double {
        guard case .vector(let samples) = try data.engine.instantQuery(expr, at: KthenaDemoData.end, on: data.store),
              let first = samples.first else { return .nan }
        return first.value
    }
}
