/// What dashboards are generated from.
public struct DashboardInputs: Sendable {
    /// ServiceLevels and PrometheusServiceLevels; one dashboard per SLO.
    public var serviceLevels: [SLOManifest]
    /// One targets dashboard per ServiceMonitor.
    public var serviceMonitors: [ServiceMonitor]
    /// Metric families the engine saw, used for every ServiceMonitor without its own entry
    /// in `metricsByServiceMonitor`.
    public var metrics: [ScrapedMetricFamily]
    /// Metric families seen on one ServiceMonitor's targets, keyed by `namespace/name`.
    public var metricsByServiceMonitor: [String: [ScrapedMetricFamily]]

    public init(serviceLevels: [SLOManifest] = [], serviceMonitors: [ServiceMonitor] = [],
                metrics: [ScrapedMetricFamily] = [], metricsByServiceMonitor: [String: [ScrapedMetricFamily]] = [:]) {
        self.serviceLevels = serviceLevels
        self.serviceMonitors = serviceMonitors
        self.metrics = metrics
        self.metricsByServiceMonitor = metricsByServiceMonitor
    }
}

/// Generates Grafana dashboards from the objects Vigil watches: one per SLO, one per
/// ServiceMonitor and one overview. Pure: objects in, JSON out, identical bytes for
/// identical input (objects are sorted by namespace and name first).
///
/// ```swift
/// let dashboards = try DashboardGenerator.dashboards(for: DashboardInputs(
///     serviceLevels: slos, serviceMonitors: monitors, metrics: seenFamilies))
/// for dashboard in dashboards {
///     let configMap = try DashboardConfigMap(dashboard: dashboard, ownerUID: dashboard.source.flatMap { uids[$0] })
///     // apply configMap (server-side apply) …
/// }
/// ```
public enum DashboardGenerator {
    /// Every dashboard, SLO dashboards first, then targets dashboards, then the overview.
    /// SLO objects that fail validation get no dashboard (the rule generator reports why,
    /// with the same options).
    public static func dashboards(for inputs: DashboardInputs, options: DashboardOptions = DashboardOptions())
        throws(DashboardGenerationError) -> [GeneratedDashboard] {
        try dashboards(for: inputs, options: options, overview: true)
    }

    /// The SLO and targets dashboards of `inputs`, without the overview: for callers that
    /// regenerate only the objects that changed.
    public static func detailDashboards(for inputs: DashboardInputs, options: DashboardOptions = DashboardOptions())
        throws(DashboardGenerationError) -> [GeneratedDashboard] {
        try dashboards(for: inputs, options: options, overview: false)
    }

    /// Only the overview of `inputs`.
    public static func overview(for inputs: DashboardInputs, options: DashboardOptions = DashboardOptions())
        throws(DashboardGenerationError) -> GeneratedDashboard {
        try GeneratedDashboard(
            kind: .overview, source: nil,
            model: OverviewDashboardBuilder.dashboard(slos: sloSubjects(inputs.serviceLevels, options: options),
                                                      monitors: targetsSubjects(inputs, options: options),
                                                      options: options))
    }

    private static func dashboards(for inputs: DashboardInputs, options: DashboardOptions, overview: Bool)
        throws(DashboardGenerationError) -> [GeneratedDashboard] {
        let slos = sloSubjects(inputs.serviceLevels, options: options)
        let monitors = targetsSubjects(inputs, options: options)
        var result: [GeneratedDashboard] = []
        for subject in slos {
            result.append(try GeneratedDashboard(
                kind: .serviceLevel, source: subject.source,
                model: SLODashboardBuilder.dashboard(for: subject, options: options)))
        }
        for subject in monitors {
            let source = DashboardSource(apiVersion: subject.monitor.apiVersion ?? "monitoring.coreos.com/v1",
                                         kind: subject.monitor.kind ?? "ServiceMonitor",
                                         namespace: subject.monitor.namespace, name: subject.monitor.metadata.name)
            result.append(try GeneratedDashboard(
                kind: .targets, source: source,
                model: TargetsDashboardBuilder.dashboard(for: subject, options: options)))
        }
        if overview {
            result.append(try GeneratedDashboard(
                kind: .overview, source: nil,
                model: OverviewDashboardBuilder.dashboard(slos: slos, monitors: monitors, options: options)))
        }
        return result
    }

    static func sloSubjects(_ manifests: [SLOManifest], options: DashboardOptions) -> [SLODashboardSubject] {
        func key(_ manifest: SLOManifest) -> (String, String) {
            (manifest.metadata.namespace ?? "default", manifest.metadata.name)
        }
        let sorted = manifests.sorted { key($0) < key($1) }
        var subjects: [SLODashboardSubject] = []
        for manifest in sorted {
            let namespace = manifest.metadata.namespace ?? "default"
            // Invalid objects are skipped here on purpose: the rule generator turns the same
            // validation error into the object's status, and a dashboard without rules behind
            // it would only show "No data".
            switch manifest {
            case .serviceLevel(let object):
                guard let definition = try? SLOValidator.definition(of: object, options: options.slo) else { continue }
                let source = DashboardSource(apiVersion: ServiceLevel.apiVersion, kind: ServiceLevel.kind,
                                             namespace: namespace, name: object.metadata.name)
                subjects.append(subject(definition, source: source, part: nil,
                                        description: object.spec.description, options: options))
            case .prometheusServiceLevel(let object):
                guard let definitions = try? SLOValidator.definitions(of: object, options: options.slo) else {
                    continue
                }
                let source = DashboardSource(apiVersion: PrometheusServiceLevel.apiVersion,
                                             kind: PrometheusServiceLevel.kind,
                                             namespace: namespace, name: object.metadata.name)
                for definition in definitions {
                    let description = object.spec.slos.first { $0.name == definition.name }?.description
                    subjects.append(subject(definition, source: source, part: definition.name,
                                            description: description, options: options))
                }
            }
        }
        return subjects
    }

    private static func subject(_ definition: SLODefinition, source: DashboardSource, part: String?,
                                description: String?, options: DashboardOptions) -> SLODashboardSubject {
        let alerts = SLORuleGenerator.alertRules(definition, options: options.slo)
        return SLODashboardSubject(
            definition: definition, source: source, description: description,
            uid: DashboardIdentity.uid(prefix: options.uidPrefix, kind: "slo", namespace: source.namespace,
                                       name: source.name, part: part),
            pageAlert: definition.pageAlert == nil ? nil : alerts.first,
            ticketAlert: definition.ticketAlert == nil ? nil : alerts.last,
            style: options.slo.style)
    }

    static func targetsSubjects(_ inputs: DashboardInputs, options: DashboardOptions) -> [TargetsDashboardSubject] {
        inputs.serviceMonitors.sorted { $0.key < $1.key }.map { monitor in
            let families = inputs.metricsByServiceMonitor[monitor.key] ?? inputs.metrics
            return TargetsDashboardSubject(
                monitor: monitor,
                uid: DashboardIdentity.uid(prefix: options.uidPrefix, kind: "sm", namespace: monitor.namespace,
                                           name: monitor.metadata.name),
                services: RequestMetrics.detect(in: families, dimensionLabels: options.dimensionLabels,
                                                errorStatusPattern: options.errorStatusPattern))
        }
    }
}
