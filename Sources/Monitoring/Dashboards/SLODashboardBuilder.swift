/// One SLO as the dashboards see it: the validated definition, the object it came from and
/// the alerts generated for it.
struct SLODashboardSubject: Sendable {
    var definition: SLODefinition
    var source: DashboardSource
    var description: String?
    var uid: String
    var pageAlert: SLORule?
    var ticketAlert: SLORule?
    var style: SLOGenerationOptions.Style

    var title: String { "SLO / \(source.namespace) / \(definition.id)" }
    /// `{sloth_id="…", sloth_service="…", sloth_slo="…"}`, exactly as the rules write it.
    var filter: String { SLOExpressions(definition: definition, style: style).filter }
    /// Objective as a ratio, rounded to the objective's own decimals (99.9 → 0.999, where a
    /// plain division gives 0.9990000000000001 and an SLI of exactly 0.999 would show red).
    var objectiveRatio: Double { (definition.objective * 1_000_000).rounded() / 100_000_000 }
    var windows: SLOAlertWindows { definition.period.alertWindows }
    var period: SLOWindow { definition.period.window }
    /// Burn factor of the page alert's fast window pair (14.4 for 30 days).
    var pageFactor: Double { windows.pageQuick.burnFactor(period: period) }

    /// `slo:sli_error:ratio_rate<window>{…}`.
    func errorRatio(_ window: SLOWindow) -> String { SLOExpressions.sliName(window) + filter }

    /// Burn rate over `window`: its error ratio divided by the error budget.
    func burnRate(_ window: SLOWindow) -> String {
        "\(errorRatio(window)) / on(sloth_id, sloth_slo, sloth_service) group_left() slo:error_budget:ratio\(filter)"
    }

    var budgetRemaining: String { "slo:period_error_budget_remaining:ratio" + filter }
    var currentBurnRate: String { "slo:current_burn_rate:ratio" + filter }

    /// 1 while the alert fires, else 0 (never empty, so the stat never says "No data").
    func firing(_ alert: SLORule, severity: String) -> String {
        let filters = [
            LabelFilter(name: "alertname", op: .equal, value: alert.name),
            LabelFilter(name: "alertstate", op: .equal, value: "firing"),
            LabelFilter(name: "sloth_id", op: .equal, value: definition.id),
            LabelFilter(name: "sloth_severity", op: .equal, value: alert.labels["sloth_severity"] ?? severity),
        ]
        return "max(\(PromQLText.selector("ALERTS", filters))) or vector(0)"
    }
}

/// The dashboard of one SLO: where the SLI stands against the objective, how much error
/// budget is left and how fast it burns, per alert window against the alert thresholds.
///
/// Built only on the Sloth-compatible recording rules (`slo:*`) and `ALERTS`, so it works
/// on any Prometheus that loads Vigil's (or Sloth's) rule files.
enum SLODashboardBuilder {
    static func dashboard(for subject: SLODashboardSubject, options: DashboardOptions) -> GrafanaDashboard {
        var layout = GridLayout()
        layout.line(statusPanels(subject), widths: statusWidths(subject), height: 5)
        layout.line(trendPanels(subject), widths: [12], height: 8)
        layout.row("Burn rate per alert window (alert fires when both windows of a pair exceed the factor)")
        layout.evenLine(burnRatePanels(subject), perLine: 4, height: 8)
        let objective = SLONumberFormat.goF(subject.definition.objective)
        let summary = "\(objective)% over \(subject.period) for \(subject.definition.service) "
            + "\(subject.definition.name) (\(subject.source.kind) \(subject.source.namespace)/\(subject.source.name))."
        return GrafanaDashboard(
            uid: subject.uid, title: subject.title,
            description: [subject.description, summary].compactMap { $0 }.joined(separator: " "),
            tags: options.tags(namespace: subject.source.namespace) + ["slo"],
            schemaVersion: options.schemaVersion, refresh: options.refresh,
            time: .init(from: "now-1d"),
            templating: .init(list: [.datasource]),
            links: [.dashboard(uid: options.overviewUID, title: "Vigil overview"),
                    .tagged(options.tags, title: "Vigil dashboards")],
            panels: layout.panels)
    }

    private static func statusWidths(_ subject: SLODashboardSubject) -> [Int] {
        switch (subject.pageAlert, subject.ticketAlert) {
        case (.some, .some): [5, 3, 4, 4, 4, 4]
        case (.some, .none), (.none, .some): [6, 4, 5, 5, 4]
        case (.none, .none): [6, 6, 6, 6]
        }
    }

    private static func statusPanels(_ subject: SLODashboardSubject) -> [GrafanaPanel] {
        let objective = subject.objectiveRatio
        var panels = [
            PanelFactory.stat(
                "SLI over \(subject.period)",
                description: "Share of good events over the SLO period; green once it meets the objective.",
                queries: [PanelQuery("1 - \(subject.errorRatio(subject.period))", legend: "SLI")],
                unit: "percentunit", thresholds: Thresholds(base: "red", [(objective, "green")]), decimals: 3),
            PanelFactory.stat(
                "Objective", queries: [PanelQuery("slo:objective:ratio" + subject.filter, legend: "objective")],
                unit: "percentunit", thresholds: Thresholds(base: "blue"), decimals: 3),
            PanelFactory.stat(
                "Error budget remaining",
                description: "Share of the period's error budget still unspent; negative once overspent.",
                queries: [PanelQuery(subject.budgetRemaining, legend: "remaining")],
                unit: "percentunit", thresholds: Thresholds(base: "red", [(0, "orange"), (0.25, "green")]),
                decimals: 1),
            PanelFactory.stat(
                "Burn rate (\(subject.windows.pageQuick.short))",
                description: "1 spends the budget exactly over the period; the page alert's fast threshold is red.",
                queries: [PanelQuery(subject.currentBurnRate, legend: "burn rate")], unit: "short",
                thresholds: Thresholds(base: "green", [(1, "yellow"), (subject.pageFactor, "red")]),
                decimals: 2),
        ]
        for (alert, severity) in [(subject.pageAlert, "page"), (subject.ticketAlert, "ticket")] {
            guard let alert else { continue }
            panels.append(PanelFactory.stat(
                "\(severity.capitalized) alert", description: "Alert \(alert.name) (\(severity)).",
                queries: [PanelQuery(subject.firing(alert, severity: severity), legend: severity)], unit: "short",
                thresholds: Thresholds(base: "green", [(1, "red")]), colorMode: "background",
                mappings: PanelFactory.firingMappings))
        }
        return panels
    }

    private static func trendPanels(_ subject: SLODashboardSubject) -> [GrafanaPanel] {
        let objective = subject.objectiveRatio
        let short = subject.windows.pageQuick.short, long = subject.windows.pageQuick.long
        return [
            PanelFactory.timeseries(
                "Error budget remaining over \(subject.period) (burn-down)",
                description: "How the period's error budget has been spent; below the red line it is overspent.",
                queries: [PanelQuery(subject.budgetRemaining, legend: "budget remaining")],
                unit: "percentunit", thresholds: Thresholds(base: "red", [(0, "green")]), thresholdLine: .line,
                max: 1, timeFrom: subject.period.description),
            PanelFactory.timeseries(
                "SLI over time vs objective",
                queries: [PanelQuery("1 - \(subject.errorRatio(short))", legend: "SLI (\(short))"),
                          PanelQuery("1 - \(subject.errorRatio(long))", legend: "SLI (\(long))"),
                          PanelQuery("slo:objective:ratio" + subject.filter, legend: "objective")],
                unit: "percentunit", thresholds: Thresholds(base: "red", [(objective, "green")]),
                thresholdLine: .dashed, max: 1, decimals: 3),
        ]
    }

    private static func burnRatePanels(_ subject: SLODashboardSubject) -> [GrafanaPanel] {
        let windows = subject.windows
        let pairs = [("Page, fast", windows.pageQuick), ("Page, slow", windows.pageSlow),
                     ("Ticket, fast", windows.ticketQuick), ("Ticket, slow", windows.ticketSlow)]
        return pairs.map { title, pair in
            let factor = pair.burnFactor(period: subject.period)
            return PanelFactory.timeseries(
                "\(title): \(pair.short) and \(pair.long) vs \(readable(factor))x",
                description: "Fires when both windows burn faster than \(readable(factor))x "
                    + "(\(SLONumberFormat.goG(pair.errorBudgetPercent))% of the budget within \(pair.long)).",
                queries: [PanelQuery(subject.burnRate(pair.short), legend: "\(pair.short)"),
                          PanelQuery(subject.burnRate(pair.long), legend: "\(pair.long)")],
                unit: "short", thresholds: Thresholds(base: "green", [(factor, "red")]), thresholdLine: .line,
                min: 0, decimals: 2)
        }
    }

    /// A factor for people: three decimals at most (28d's 5.6000000000000005 reads 5.6).
    private static func readable(_ value: Double) -> String {
        SLONumberFormat.goG((value * 1000).rounded() / 1000)
    }
}
