/// Renders everything Vigil generates from a set of manifests, with no cluster: the
/// Prometheus configuration (`prometheus/prometheus.yaml`, Kubernetes service discovery as
/// prometheus-operator writes it), one rule file per PrometheusRule and per ServiceLevel
/// (`rules/…`), and Grafana dashboards (`dashboards/<uid>.json`).
///
/// Pure: the same manifests and options give the same files. Invalid objects are left out and
/// reported as positioned problems; the others are still rendered.
///
/// ```swift
/// let output = OfflineRenderer.render(ManifestLoader.load(path: "examples/"))
/// let report = output.report(objectCount: …)   // examples/rules.yaml:24: PrometheusRule …
/// ```
public enum OfflineRenderer {
    /// Every output file for `set`, and every problem (including `set`'s own).
    public static func render(_ set: ManifestSet, options: OfflineRenderOptions = .default) -> OfflineOutput {
        var problems = set.problems + duplicates(in: set.objects)
        var ruleFiles: [GeneratedFile] = []
        var monitors: [(ServiceMonitor, LoadedManifest)] = []
        for loaded in set.objects {
            switch loaded.object {
            case .serviceMonitor(let monitor):
                monitors.append((monitor, loaded))
            case .prometheusRule(let rule):
                let issues = PrometheusRuleValidator.issues(in: rule, options: options.ruleValidation)
                problems += issues.map { problem(loaded, path: $0.path, field: "", message: $0.description) }
                if issues.isEmpty { ruleFiles.append(PrometheusRuleRenderer.render(rule, options: options.rules)) }
            case .serviceLevel(let level):
                ruleFiles += sloFile(.serviceLevel(level), loaded, options: options, problems: &problems)
            case .prometheusServiceLevel(let level):
                ruleFiles += sloFile(.prometheusServiceLevel(level), loaded, options: options, problems: &problems)
            }
        }
        let (document, generation) = ScrapeConfigGenerator.document(monitors.map(\.0), options: options.scrape)
        let byKey = Dictionary(monitors.map { ($0.0.key, $0.1) }, uniquingKeysWith: { first, _ in first })
        for (rejections, isWarning) in [(generation.rejected, false), (generation.warnings, true)] {
            for rejection in rejections {
                guard let loaded = byKey[rejection.monitorKey] else { continue }
                problems += rejection.issues.map {
                    problem(loaded, path: $0.field, field: $0.field, message: $0.message,
                            isWarning: isWarning || $0.severity == .warning)
                }
            }
        }
        var config = document
        if !ruleFiles.isEmpty { config.ruleFiles = ["../rules/*.yaml"] }   // relative to the config file
        var files: [GeneratedFile] = []
        do {
            files.append(GeneratedFile(path: "prometheus/prometheus.yaml", contents: try config.yaml()))
        } catch {
            problems.append(ManifestProblem(location: ManifestLocation(file: "prometheus/prometheus.yaml", document: 0, line: nil),
                                            object: nil, field: "", message: "cannot write the configuration: \(error)"))
        }
        files += ruleFiles.map { GeneratedFile(path: "rules/" + $0.path, contents: $0.contents) }
            .sorted { $0.path < $1.path }
        if let dashboardOptions = options.dashboards {
            files += dashboards(set.objects, options: dashboardOptions, problems: &problems)
        }
        return OfflineOutput(files: files, problems: problems, ignored: set.ignored)
    }

    /// One Grafana dashboard per SLO and per ServiceMonitor plus the overview, as
    /// `dashboards/<uid>.json`. Offline there are no scraped metric families, so the targets
    /// dashboards show only what the ServiceMonitors themselves say.
    private static func dashboards(_ objects: [LoadedManifest], options: DashboardOptions,
                                   problems: inout [ManifestProblem]) -> [GeneratedFile] {
        var inputs = DashboardInputs()
        for loaded in objects {
            switch loaded.object {
            case .serviceMonitor(let monitor): inputs.serviceMonitors.append(monitor)
            case .serviceLevel(let level): inputs.serviceLevels.append(.serviceLevel(level))
            case .prometheusServiceLevel(let level): inputs.serviceLevels.append(.prometheusServiceLevel(level))
            case .prometheusRule: break
            }
        }
        do throws(DashboardGenerationError) {
            return try DashboardGenerator.dashboards(for: inputs, options: options)
                .map { GeneratedFile(path: "dashboards/" + $0.fileName, contents: $0.prettyJSON) }
        } catch {
            problems.append(ManifestProblem(location: ManifestLocation(file: "dashboards", document: 0, line: nil),
                                            object: nil, field: "", message: error.description))
            return []
        }
    }

    private static func sloFile(_ manifest: SLOManifest, _ loaded: LoadedManifest, options: OfflineRenderOptions,
                                problems: inout [ManifestProblem]) -> [GeneratedFile] {
        let result = SLORuleGenerator.generate(manifests: [manifest], options: options.slo)
        for failure in result.failures {
            problems += failure.error.issues.map {
                problem(loaded, path: $0.path, field: $0.path, message: "\($0.message) (\($0.reason))")
            }
        }
        guard !result.rules.groups.isEmpty else { return [] }
        let metadata = manifest.metadata
        let name = "\(metadata.namespace ?? "default")-\(metadata.name)-servicelevel.yaml"
        return [GeneratedFile(path: name, contents: result.rules.yaml(generatorVersion: options.slo.generatorVersion))]
    }

    private static func problem(_ loaded: LoadedManifest, path: String, field: String, message: String,
                                isWarning: Bool = false) -> ManifestProblem {
        var location = loaded.location
        if let line = loaded.fieldLines.line(of: path) { location.line = line }
        return ManifestProblem(location: location, object: loaded.object.displayName, field: field,
                               message: message, isWarning: isWarning)
    }

    /// Two manifests for the same object: the later one would silently replace the earlier
    /// one in a cluster, so it is reported.
    private static func duplicates(in objects: [LoadedManifest]) -> [ManifestProblem] {
        var seen: [String: ManifestLocation] = [:]
        var found: [ManifestProblem] = []
        for loaded in objects {
            let name = loaded.object.displayName
            if let first = seen[name] {
                found.append(ManifestProblem(location: loaded.location, object: name, field: "",
                                             message: "defined again (first at \(first)); the later one would replace it"))
            } else {
                seen[name] = loaded.location
            }
        }
        return found
    }
}

/// What the offline renderer produces.
public struct OfflineRenderOptions: Sendable {
    /// Scrape configuration settings (the Prometheus the config is for).
    public var scrape: GeneratorOptions
    /// Rule validation (template checker, name rules).
    public var ruleValidation: RuleValidationOptions
    /// Rule-file rendering (target Prometheus version).
    public var rules: RuleRenderOptions
    /// SLO rule generation; SLI queries are checked with Vigil's PromQL parser by default.
    public var slo: SLOGenerationOptions
    /// Grafana dashboards written under `dashboards/` (`DashboardGenerator`); nil writes none.
    public var dashboards: DashboardOptions?

    public init(scrape: GeneratorOptions = GeneratorOptions(), ruleValidation: RuleValidationOptions = .default,
                rules: RuleRenderOptions = .default, slo: SLOGenerationOptions = SLOGenerationOptions.vigil.checkingQueries(),
                dashboards: DashboardOptions? = DashboardOptions()) {
        (self.scrape, self.ruleValidation, self.rules) = (scrape, ruleValidation, rules)
        (self.slo, self.dashboards) = (slo, dashboards)
    }

    public static var `default`: OfflineRenderOptions { OfflineRenderOptions() }
}

/// Rendered files and every problem found on the way.
public struct OfflineOutput: Sendable, Equatable {
    /// Paths relative to the output directory, in a stable order.
    public var files: [GeneratedFile]
    /// Problems in the order found: reading, then per object; warnings included.
    public var problems: [ManifestProblem]
    /// Documents of other kinds that were skipped.
    public var ignored: [IgnoredManifest]

    /// Whether any problem is an error (what makes `vigil check` fail).
    public var hasErrors: Bool { problems.contains { !$0.isWarning } }

    /// Every file as one multi-document YAML stream, each preceded by `# Source: <path>`, for
    /// printing to standard output.
    public var concatenated: String {
        files.map { file in
            // SLO rule files open with their own `---`; one separator per file is enough.
            let contents = file.contents.hasPrefix("\n---\n") ? String(file.contents.dropFirst(5)) : file.contents
            return "---\n# Source: \(file.path)\n" + contents
        }.joined()
    }
}
