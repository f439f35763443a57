extension DashboardInputs {
    /// Inputs from loaded manifests (`vigil generate -f DIR`): the ServiceLevels,
    /// PrometheusServiceLevels and ServiceMonitors, plus metric families inferred from the
    /// SLI queries and PrometheusRule expressions (nothing has been scraped offline), so the
    /// targets dashboards get their request, error and latency panels too.
    public init(manifests: [LoadedManifest]) {
        var levels: [SLOManifest] = []
        var monitors: [ServiceMonitor] = []
        var queries: [String] = []
        for loaded in manifests {
            switch loaded.object {
            case .serviceMonitor(let monitor):
                monitors.append(monitor)
            case .serviceLevel(let level):
                levels.append(.serviceLevel(level))
                queries += Self.queries(of: level.spec.sli)
            case .prometheusServiceLevel(let level):
                levels.append(.prometheusServiceLevel(level))
                queries += level.spec.slos.flatMap { Self.queries(of: $0.sli) }
            case .prometheusRule(let rule):
                queries += (rule.spec.groups ?? []).flatMap(\.rules).map(\.expr.description)
            }
        }
        self.init(serviceLevels: levels, serviceMonitors: monitors,
                  metrics: ScrapedMetricFamily.inferred(fromQueries: queries))
    }

    private static func queries(of indicator: SLOIndicatorSpec) -> [String] {
        [indicator.events?.errorQuery, indicator.events?.totalQuery, indicator.raw?.errorRatioQuery].compactMap { $0 }
    }
}

extension DashboardGenerator {
    /// The files of `vigil generate`'s `dashboards/` directory: one indented `<uid>.json` per
    /// dashboard (what the sidecar or a file provider loads) and `configmaps.yaml` with the
    /// sidecar ConfigMaps (no owner references: offline there are no object uids).
    public static func files(for manifests: [LoadedManifest], options: DashboardOptions = DashboardOptions(),
                             delivery: DashboardDeliveryOptions = DashboardDeliveryOptions())
        throws(DashboardGenerationError) -> [GeneratedFile] {
        let generated = try dashboards(for: DashboardInputs(manifests: manifests), options: options)
        var files = generated.map { GeneratedFile(path: $0.fileName, contents: $0.prettyJSON) }
        var configMaps: [String] = []
        for dashboard in generated {
            do {
                configMaps.append(try DashboardConfigMap(dashboard: dashboard, options: delivery).yaml())
            } catch let error as DashboardConfigMapError {
                throw DashboardGenerationError(uid: dashboard.uid, message: error.description)
            } catch {
                throw DashboardGenerationError(uid: dashboard.uid, message: "cannot write the ConfigMap: \(error)")
            }
        }
        files.append(GeneratedFile(path: "configmaps.yaml", contents: configMaps.joined(separator: "---\n")))
        return files
    }
}
