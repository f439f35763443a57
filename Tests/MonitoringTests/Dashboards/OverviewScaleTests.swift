import Foundation
import Testing
@testable import Monitoring

/// The overview at scale: one panel per ServiceMonitor up to a limit, then one table, so
/// that thousands of monitors neither make it unreadable nor push it past a ConfigMap.
@Suite("Overview dashboard at scale")
struct OverviewScaleTests {
    static func monitors(_ count: Int) throws -> [ServiceMonitor] {
        let template = try KthenaScenario.serviceMonitor()
        return (0..<count).map { index in
            var monitor = template
            monitor.metadata.name = "monitor-\(index)"
            return monitor
        }
    }

    @Test("up to the limit each ServiceMonitor has its own stat panel", arguments: [1, OverviewDashboardBuilder.monitorPanelLimit])
    func panelPerMonitor(count: Int) throws {
        let overview = try DashboardGenerator.overview(for: DashboardInputs(serviceMonitors: Self.monitors(count)))
        let targetPanels = overview.model.panels.filter { $0.type == "stat" && $0.title.hasSuffix(" targets") }
        #expect(targetPanels.count == count)
    }

    @Test("past the limit one table lists every job, and 10,000 monitors stay a small dashboard")
    func tablePastTheLimit() throws {
        for count in [OverviewDashboardBuilder.monitorPanelLimit + 1, 10_000] {
            let overview = try DashboardGenerator.overview(for: DashboardInputs(serviceMonitors: Self.monitors(count)))
            #expect(overview.model.panels.filter { $0.type == "stat" && $0.title.hasSuffix(" targets") }.isEmpty)
            let table = try #require(overview.model.panels.first { $0.title.hasPrefix("Targets up per job") })
            #expect(table.title.contains("\(count) ServiceMonitors"))
            #expect(overview.json.utf8.count < 64 * 1024)
            _ = try DashboardConfigMap(dashboard: overview)
        }
    }

    @Test("the overview alone equals the overview of the full generation")
    func overviewMatchesFullGeneration() throws {
        let inputs = try KthenaScenario.inputs()
        let full = try #require(try DashboardGenerator.dashboards(for: inputs).last)
        #expect(full.kind == .overview)
        #expect(try DashboardGenerator.overview(for: inputs) == full)
        let details = try DashboardGenerator.detailDashboards(for: inputs)
        #expect(details == Array(try DashboardGenerator.dashboards(for: inputs).dropLast()))
    }
}
