/// The whole Prometheus configuration file prometheus-operator writes for a plain setup
/// (compat 3.1): `global`, `rule_files`, `scrape_configs`, and optionally `storage`.
public struct PrometheusConfigDocument: Encodable, Sendable, Equatable {
    public var global: Global
    public var ruleFiles: [String]?
    public var scrapeConfigs: [ScrapeJob]
    public var storage: Storage?

    /// The `global` section.
    public struct Global: Encodable, Sendable, Equatable {
        public var scrapeInterval: String
        public var scrapeTimeout: String?
        public var externalLabels: ExternalLabels
        public var evaluationInterval: String

        enum CodingKeys: String, CodingKey {
            case scrapeInterval = "scrape_interval", scrapeTimeout = "scrape_timeout"
            case externalLabels = "external_labels", evaluationInterval = "evaluation_interval"
        }
    }

    /// `global.external_labels`: `prometheus_replica` is the `$(POD_NAME)` placeholder the
    /// config reloader substitutes per pod; `additional` are the user's labels. Written as
    /// one map sorted by name, where `prometheus` and `prometheus_replica` win over
    /// `additional` labels of the same name.
    public struct ExternalLabels: Encodable, Sendable, Equatable {
        public var prometheus: String
        public var prometheusReplica: String
        public var additional: [String: String] = [:]

        /// Every label as written.
        public var all: [String: String] {
            additional.merging(["prometheus": prometheus, "prometheus_replica": prometheusReplica]) { $1 }
        }

        public func encode(to encoder: any Encoder) throws {
            try SortedYAMLMap(all).encode(to: encoder)
        }
    }

    /// `storage.tsdb.retention.time` (Prometheus 3.x reads retention from the config file).
    public struct Storage: Encodable, Sendable, Equatable {
        public var tsdb: TSDB
        public struct TSDB: Encodable, Sendable, Equatable { public var retention: Retention }
        public struct Retention: Encodable, Sendable, Equatable { public var time: String }
    }

    enum CodingKeys: String, CodingKey {
        case global, ruleFiles = "rule_files", scrapeConfigs = "scrape_configs", storage
    }

    /// The document for `jobs` under `options`.
    public init(jobs: [ScrapeJob], options: GeneratorOptions) {
        global = Global(
            scrapeInterval: options.scrapeInterval,
            scrapeTimeout: options.scrapeTimeout,
            externalLabels: ExternalLabels(prometheus: "\(options.prometheusNamespace)/\(options.prometheusName)",
                                           prometheusReplica: "$(POD_NAME)", additional: options.externalLabels),
            evaluationInterval: options.evaluationInterval)
        ruleFiles = options.ruleConfigMapCount.map { count in
            (0..<max(3, count)).map { "/etc/prometheus/rules/prometheus-\(options.prometheusName)-rulefiles-\($0)/*.yaml" }
        }
        scrapeConfigs = jobs
        storage = options.retention.map { Storage(tsdb: .init(retention: .init(time: $0))) }
    }

    /// The YAML text of the document, byte-identical for identical inputs.
    public func yaml() throws(OrderedYAMLEncoder.Error) -> String {
        try OrderedYAML.emit(self)
    }

    /// The items of `scrape_configs` for `jobs`, exactly as ``yaml()`` writes them: a job's
    /// text does not depend on the jobs around it, so callers that regenerate often can
    /// keep each monitor's text and join them with ``yaml(renderedJobs:)``.
    public static func renderedJobs(_ jobs: [ScrapeJob]) throws(OrderedYAMLEncoder.Error) -> String {
        jobs.isEmpty ? "" : try OrderedYAML.emit(jobs)
    }

    /// The document's text with `scrape_configs` made of `renderedJobs` (from
    /// ``renderedJobs(_:)``, in order) instead of ``scrapeConfigs``; byte-identical to
    /// ``yaml()`` of the same jobs.
    public func yaml(renderedJobs: [String]) throws(OrderedYAMLEncoder.Error) -> String {
        var shell = self
        shell.scrapeConfigs = []
        let text = try OrderedYAML.emit(shell)
        guard renderedJobs.contains(where: { !$0.isEmpty }) else { return text }
        // Block sequences under a top-level key start at column 0, like a document of their own.
        let empty = "scrape_configs: []\n"
        let start: String.Index
        if text.hasPrefix(empty) {
            start = text.startIndex
        } else if let range = text.range(of: "\n" + empty) {
            start = text.index(after: range.lowerBound)
        } else {
            preconditionFailure("an empty scrape_configs is always written as []")
        }
        let end = text.utf8.index(start, offsetBy: empty.utf8.count)
        // One allocation for what may be tens of megabytes, appended in place.
        var result = ""
        result.reserveCapacity(text.utf8.count + renderedJobs.reduce(0) { $0 + $1.utf8.count })
        result += text[..<start]
        result += "scrape_configs:\n"
        for job in renderedJobs { result += job }
        result += text[end...]
        return result
    }
}

extension ScrapeConfigGenerator {
    /// Validates and generates `monitors` and wraps the jobs in a full config document.
    public static func document(_ monitors: [ServiceMonitor], options: GeneratorOptions,
                                secrets: SecretLookup = .empty) -> (document: PrometheusConfigDocument, generation: Generation) {
        let generation = generate(monitors, options: options, secrets: secrets)
        return (PrometheusConfigDocument(jobs: generation.jobs, options: options), generation)
    }
}
