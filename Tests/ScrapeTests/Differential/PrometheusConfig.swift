import Foundation

/// The subset of a Prometheus 2.42 configuration file the differential tests need. It is
/// written as JSON, which Prometheus's YAML loader reads as flow-style YAML.
struct PrometheusConfig: Encodable {
    struct Global: Encodable {
        var scrapeInterval: String
        var scrapeTimeout: String
        var evaluationInterval = "1h"  // no rules are loaded; keep the evaluator idle

        enum CodingKeys: String, CodingKey {
            case scrapeInterval = "scrape_interval"
            case scrapeTimeout = "scrape_timeout"
            case evaluationInterval = "evaluation_interval"
        }
    }

    struct StaticConfig: Encodable {
        var targets: [String]
        var labels: [String: String]?
    }

    struct MetricRelabel: Encodable {
        var sourceLabels: [String]
        var regex: String
        var action: String

        enum CodingKeys: String, CodingKey {
            case sourceLabels = "source_labels"
            case regex, action
        }
    }

    struct Job: Encodable {
        var jobName: String
        var scrapeInterval: String
        var scrapeTimeout: String
        var metricsPath: String
        var sampleLimit: Int?
        var staticConfigs: [StaticConfig]
        var metricRelabelConfigs: [MetricRelabel]?

        enum CodingKeys: String, CodingKey {
            case jobName = "job_name"
            case scrapeInterval = "scrape_interval"
            case scrapeTimeout = "scrape_timeout"
            case metricsPath = "metrics_path"
            case sampleLimit = "sample_limit"
            case staticConfigs = "static_configs"
            case metricRelabelConfigs = "metric_relabel_configs"
        }
    }

    var global: Global
    var scrapeConfigs: [Job]

    enum CodingKeys: String, CodingKey {
        case global
        case scrapeConfigs = "scrape_configs"
    }

    /// The file Prometheus reads with `--config.file`.
    func text() throws -> String {
        let encoder = JSONEncoder()
        // YAML has no `\/` escape, which JSONEncoder writes by default.
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// `1s`, `500ms`: Prometheus duration text for whole milliseconds.
    static func duration(_ value: Duration) -> String {
        let milliseconds = value.components.seconds * 1000 + value.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}
