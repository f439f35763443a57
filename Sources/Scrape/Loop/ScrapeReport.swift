import TSDB

/// The values of the synthetic series one scrape writes.
struct ScrapeReport: Sendable, Equatable {
    var up: Bool
    var duration: Duration
    var outcome: AppendOutcome
}

/// The label sets of `up`, `scrape_duration_seconds`, `scrape_samples_scraped`,
/// `scrape_samples_post_metric_relabeling` and `scrape_series_added` for one target: the
/// target labels plus the name (Prometheus' `mutateReportSampleLabels`).
struct ReportLabels: Sendable {
    static let names = [
        "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
        "scrape_series_added",
    ]

    let all: [TSDB.Labels]

    init(targetLabels: TSDB.Labels) {
        all = Self.names.map { name in
            TSDB.Labels(targetLabels.pairs.filter { $0.name != TSDB.Labels.metricName }
                + [TSDB.Label(name: TSDB.Labels.metricName, value: name)])
        }
    }

    /// Each series with its value for `report`, in Prometheus' order.
    func samples(_ report: ScrapeReport) -> [(TSDB.Labels, Double)] {
        let values: [Double] = [
            report.up ? 1 : 0, report.duration.secondsValue, Double(report.outcome.total),
            Double(report.outcome.added), Double(report.outcome.seriesAdded),
        ]
        return Array(zip(all, values))
    }
}
