import Scrape
import TSDB

/// One scrape job of the differential test, described once and turned into both a
/// Prometheus `scrape_config` and Vigil's ``ScrapeOptions``.
struct DifferentialJob: Sendable {
    /// The `job` label.
    var name: String
    /// `host:port` of the single target.
    var address: String
    var path: String
    var interval: Duration = .seconds(1)
    var timeout: Duration = .seconds(1)
    var sampleLimit = 0
    /// A regex on `__name__`; matching samples are dropped by metric relabeling.
    var dropMetrics: String?
    /// Whether the target's series are the same on every scrape, so series sets and
    /// counts must agree exactly (not so for node_exporter, whose output moves a little).
    var isDeterministic = true

    var prometheusJob: PrometheusConfig.Job {
        PrometheusConfig.Job(
            jobName: name, scrapeInterval: PrometheusConfig.duration(interval),
            scrapeTimeout: PrometheusConfig.duration(timeout), metricsPath: path,
            sampleLimit: sampleLimit > 0 ? sampleLimit : nil,
            staticConfigs: [PrometheusConfig.StaticConfig(targets: [address], labels: nil)],
            metricRelabelConfigs: dropMetrics.map {
                [PrometheusConfig.MetricRelabel(sourceLabels: ["__name__"], regex: $0, action: "drop")]
            })
    }

    func vigilOptions() throws -> ScrapeOptions {
        var options = ScrapeOptions(jobName: name, interval: interval, timeout: timeout, metricsPath: path,
                                    sampleLimit: sampleLimit)
        if let dropMetrics {
            options.metricRelabelConfigs = [
                try RelabelConfig(action: .drop, sourceLabels: [TSDB.Labels.metricName], regex: dropMetrics),
            ]
        }
        return options
    }

    /// The discovered labels of the target (a static config).
    var discovered: [TSDB.Labels] { [TSDB.Labels([ScrapeTarget.addressLabel: address])] }

    /// The PromQL selector `{job="<name>"}`.
    var selector: String { "{job=\"\(name)\"}" }
}
