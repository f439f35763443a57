import Monitoring
import Scrape

/// Turns a generated Prometheus `scrape_config` (``ScrapeJob``) into the embedded
/// engine's ``ScrapeOptions``, so the engine scrapes exactly what the configuration
/// written for Prometheus describes.
enum ScrapeJobConversion {
    /// Why a job cannot run in the engine (a relabel rule the engine refuses, TLS
    /// material that is missing or not PEM).
    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
        /// The `Accepted=False` reason.
        var reason: Reason = .invalidRelabeling
    }

    /// The engine scrapes as shard 0 of 1; the config-reloader placeholder is replaced
    /// the way it would be for that pod.
    static let shardPlaceholder = "$(SHARD)"

    /// - Parameter secrets: where the PEM text of Secret and ConfigMap TLS references comes from.
    static func options(for job: ScrapeJob, globalInterval: Duration, globalTimeout: Duration,
                        secrets: SecretLookup = .empty) throws(Failure) -> ScrapeOptions {
        let interval = job.scrapeInterval.flatMap(PrometheusDuration.parse) ?? globalInterval
        var timeout = job.scrapeTimeout.flatMap(PrometheusDuration.parse) ?? globalTimeout
        if timeout > interval { timeout = interval }
        var options = ScrapeOptions(jobName: job.jobName, interval: interval, timeout: timeout)
        if let path = job.metricsPath { options.metricsPath = path }
        if let scheme = job.scheme { options.scheme = scheme }
        options.params = job.params ?? [:]
        options.honorLabels = job.honorLabels
        options.honorTimestamps = job.honorTimestamps ?? true
        options.sampleLimit = Int(clamping: job.sampleLimit ?? 0)
        options.labelLimit = Int(clamping: job.labelLimit ?? 0)
        options.labelNameLengthLimit = Int(clamping: job.labelNameLengthLimit ?? 0)
        options.labelValueLengthLimit = Int(clamping: job.labelValueLengthLimit ?? 0)
        options.followRedirects = job.followRedirects ?? true
        options.targetLimit = Int(clamping: job.targetLimit ?? 0)
        if let basic = job.basicAuth {
            options.authorization = .basic(username: basic.username, password: basic.password)
        } else if let token = job.bearerToken {
            options.authorization = .bearer(token: token)
        } else if let credentials = job.authorization?.credentials, job.authorization?.type == "Bearer" {
            options.authorization = .bearer(token: credentials)
        }
        if let tls = job.tlsConfig { options.tls = try tlsOptions(tls, secrets: secrets) }
        options.relabelConfigs = try job.relabelConfigs.enumerated().map { index, rule throws(Failure) in
            try relabelConfig(rule, field: "relabel_configs[\(index)]")
        }
        options.metricRelabelConfigs = try (job.metricRelabelConfigs ?? []).enumerated().map { index, rule throws(Failure) in
            try relabelConfig(rule, field: "metric_relabel_configs[\(index)]")
        }
        return options
    }

    static func relabelConfig(_ rule: RelabelRule, field: String) throws(Failure) -> RelabelConfig {
        let actionText = (rule.action ?? "replace").lowercased()
        guard let action = RelabelAction(rawValue: actionText) else {
            throw Failure(description: "\(field): unknown relabel action \"\(actionText)\"")
        }
        let regex = rule.regex?.description.replacingOccurrences(of: shardPlaceholder, with: "0") ?? "(.*)"
        let replacement = rule.replacement?.replacingOccurrences(of: shardPlaceholder, with: "0")
            ?? RelabelConfig.defaultReplacement
        do {
            return try RelabelConfig(
                action: action, sourceLabels: rule.sourceLabels ?? [], separator: rule.separator ?? RelabelConfig.defaultSeparator,
                regex: regex, modulus: rule.modulus ?? 0, targetLabel: rule.targetLabel ?? "", replacement: replacement)
        } catch {
            throw Failure(description: "\(field): \(error)")
        }
    }
}
