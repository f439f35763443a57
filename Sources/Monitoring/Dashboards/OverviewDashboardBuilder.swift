/// The one overview dashboard: every SLO's budget left and burn rate, every
/// ServiceMonitor's targets up out of total, and the alerts firing now. Each SLO and
/// ServiceMonitor panel links to its detail dashboard.
enum OverviewDashboardBuilder {
    /// The most ServiceMonitors shown with a panel each.
    static let monitorPanelLimit = 48

    static func dashboard(slos: [SLODashboardSubject], monitors: [TargetsDashboardSubject],
                          options: DashboardOptions) -> GrafanaDashboard {
        var layout = GridLayout()
        if !slos.isEmpty {
            layout.row("Service levels")
            layout.line(sloPanels(slos), widths: [12], height: 4 + 2 * ((slos.count + 3) / 4))
        }
        if monitors.count > monitorPanelLimit {
            // A panel per monitor stops being readable long before it stops fitting in a
            // ConfigMap (1 MiB is about 1,500 panels); past the limit, one table of every job.
            layout.row("Scrape targets")
            layout.line([
                PanelFactory.table(
                    "Targets up per job (\(monitors.count) ServiceMonitors)",
                    description: "Targets up and in total for every job Vigil generated; each ServiceMonitor has its own dashboard.",
                    queries: [PanelQuery("sum by (namespace, job) (up{job=~\"serviceMonitor/.*\"})", legend: "up")]),
            ], widths: [24], height: 12)
        } else if !monitors.isEmpty {
            layout.row("Scrape targets")
            layout.evenLine(monitors.map(monitorPanel), perLine: 4, height: 4)
        }
        layout.row("Alerts")
        let firing = PromQLText.selector("ALERTS", [LabelFilter(name: "alertstate", op: .equal, value: "firing")])
        layout.line([
            PanelFactory.stat("Firing alerts", queries: [PanelQuery("count(\(firing)) or vector(0)", legend: "firing")],
                              unit: "short", thresholds: Thresholds(base: "green", [(1, "red")]),
                              colorMode: "background"),
            PanelFactory.table("Alerts firing now", queries: [PanelQuery(firing)]),
        ], widths: [6, 18], height: 8)
        return GrafanaDashboard(
            uid: options.overviewUID, title: "Vigil / Overview",
            description: "Every ServiceLevel and ServiceMonitor Vigil watches, and the alerts firing now.",
            tags: options.tags(namespace: nil) + ["overview"],
            schemaVersion: options.schemaVersion, refresh: options.refresh,
            time: .init(from: "now-6h"),
            templating: .init(list: [.datasource]),
            links: [.tagged(options.tags, title: "Vigil dashboards")],
            panels: layout.panels)
    }

    private static func sloPanels(_ slos: [SLODashboardSubject]) -> [GrafanaPanel] {
        let links = slos.map { DashboardLink.dashboard(uid: $0.uid, title: $0.title) }
        let pageFactor = slos.map(\.pageFactor).min() ?? 1
        return [
            PanelFactory.stat(
                "Error budget remaining",
                queries: slos.map { PanelQuery($0.budgetRemaining, legend: legend($0)) },
                unit: "percentunit", thresholds: Thresholds(base: "red", [(0, "orange"), (0.25, "green")]),
                decimals: 1, links: links),
            PanelFactory.stat(
                "Burn rate (fastest alert window)",
                queries: slos.map { PanelQuery($0.currentBurnRate, legend: legend($0)) },
                unit: "short", thresholds: Thresholds(base: "green", [(1, "yellow"), (pageFactor, "red")]),
                decimals: 2, links: links),
        ]
    }

    private static func monitorPanel(_ monitor: TargetsDashboardSubject) -> GrafanaPanel {
        PanelFactory.stat(
            "\(monitor.monitor.key) targets",
            queries: [PanelQuery("sum(\(monitor.selector("up"))) or vector(0)", legend: "up"),
                      PanelQuery("count(\(monitor.selector("up"))) or vector(0)", legend: "total")],
            unit: "short", thresholds: Thresholds(base: "blue"),
            links: [.dashboard(uid: monitor.uid, title: monitor.title)])
    }

    private static func legend(_ slo: SLODashboardSubject) -> String {
        "\(slo.source.namespace)/\(slo.definition.id)"
    }
}
