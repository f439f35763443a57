/// One ServiceMonitor as the dashboards see it.
struct TargetsDashboardSubject: Sendable {
    var monitor: ServiceMonitor
    var uid: String
    /// Request/latency metrics found in what its targets expose.
    var services: [RequestMetrics]

    var title: String { "Targets / \(monitor.namespace) / \(monitor.metadata.name)" }

    /// Matchers selecting this monitor's targets by the labels prometheus-operator's
    /// relabeling puts on every target: `namespace` (from the namespace selector) and
    /// `endpoint` (the port name, or the target port). `job` is the Service name, which is
    /// not known without the cluster, so it is not used.
    var filters: [LabelFilter] {
        var filters: [LabelFilter] = []
        let selector = monitor.spec.namespaceSelector
        if selector?.any != true {
            let names = selector?.matchNames.flatMap { $0.isEmpty ? nil : $0 } ?? [monitor.namespace]
            filters.append(.oneOf("namespace", Array(Set(names)).sorted()))
        }
        let ports = monitor.spec.endpoints.map { $0.portName ?? $0.targetPort?.description }
        if !ports.isEmpty, ports.allSatisfy({ $0 != nil }) {
            filters.append(.oneOf("endpoint", Array(Set(ports.compactMap { $0 })).sorted()))
        }
        return filters
    }

    /// `metric{<target filters>, extra…}`.
    func selector(_ metric: String, _ extra: [LabelFilter] = []) -> String {
        PromQLText.selector(metric, filters + extra)
    }
}

/// The dashboard of one ServiceMonitor: scrape health of its targets, then, when the
/// scraped metrics follow the usual conventions, request rate, error ratio and latency
/// per service (with a breakdown variable such as `model_id`).
enum TargetsDashboardBuilder {
    static func dashboard(for subject: TargetsDashboardSubject, options: DashboardOptions) -> GrafanaDashboard {
        var layout = GridLayout()
        layout.row("Scrape targets")
        layout.line(healthStats(subject), widths: [6, 4, 4, 5, 5], height: 4)
        layout.line([
            PanelFactory.timeseries("Up per target", queries: [PanelQuery(
                subject.selector("up"), legend: "{{namespace}}/{{pod}} {{instance}}")],
                unit: "short", thresholds: Thresholds(base: "red", [(1, "green")]), min: 0, max: 1),
            PanelFactory.table(
                "Targets down",
                description: "Targets whose last scrape failed; the operator's status conditions name the error.",
                queries: [PanelQuery(subject.selector("up") + " == 0")]),
        ], widths: [12], height: 8)
        layout.evenLine([
            PanelFactory.timeseries("Scrape duration", queries: [PanelQuery(
                subject.selector("scrape_duration_seconds"), legend: "{{namespace}}/{{pod}} {{instance}}")],
                unit: "s", min: 0),
            PanelFactory.timeseries("Samples scraped", queries: [PanelQuery(
                subject.selector("scrape_samples_scraped"), legend: "{{namespace}}/{{pod}} {{instance}}")],
                unit: "short", min: 0),
            PanelFactory.timeseries("Series added", queries: [PanelQuery(
                subject.selector("scrape_series_added"), legend: "{{namespace}}/{{pod}} {{instance}}")],
                unit: "short", min: 0),
        ], perLine: 3, height: 7)
        var variables: [TemplateVariable] = [.datasource]
        for service in subject.services {
            RequestPanels(subject: subject, service: service).add(to: &layout)
            if let dimension = service.dimension, !variables.contains(where: { $0.name == dimension }) {
                variables.append(.labelValues(name: dimension, label: dimension,
                                              of: subject.selector(service.requests)))
            }
        }
        return GrafanaDashboard(
            uid: subject.uid, title: subject.title,
            description: "Targets of ServiceMonitor \(subject.monitor.key): scrape health"
                + (subject.services.isEmpty ? "." : ", request rate, errors and latency."),
            tags: options.tags(namespace: subject.monitor.namespace) + ["targets"],
            schemaVersion: options.schemaVersion, refresh: options.refresh,
            time: .init(from: "now-1h"),
            templating: .init(list: variables),
            links: [.dashboard(uid: options.overviewUID, title: "Vigil overview"),
                    .tagged(options.tags, title: "Vigil dashboards")],
            panels: layout.panels)
    }

    private static func healthStats(_ subject: TargetsDashboardSubject) -> [GrafanaPanel] {
        [
            PanelFactory.stat(
                "Targets up / total",
                queries: [PanelQuery("sum(\(subject.selector("up"))) or vector(0)", legend: "up"),
                          PanelQuery("count(\(subject.selector("up"))) or vector(0)", legend: "total")],
                unit: "short", thresholds: Thresholds(base: "blue")),
            PanelFactory.stat(
                "Targets down", queries: [PanelQuery("count(\(subject.selector("up")) == 0) or vector(0)")],
                unit: "short", thresholds: Thresholds(base: "green", [(1, "red")])),
            PanelFactory.stat(
                "Slowest scrape", queries: [PanelQuery("max(\(subject.selector("scrape_duration_seconds")))")],
                unit: "s", thresholds: Thresholds(base: "green", [(1, "yellow"), (10, "red")])),
            PanelFactory.stat(
                "Samples scraped", queries: [PanelQuery("sum(\(subject.selector("scrape_samples_scraped")))")],
                unit: "short", thresholds: Thresholds(base: "blue")),
            PanelFactory.stat(
                "Series added", queries: [PanelQuery("sum(\(subject.selector("scrape_series_added")))")],
                unit: "short", thresholds: Thresholds(base: "blue")),
        ]
    }
}
