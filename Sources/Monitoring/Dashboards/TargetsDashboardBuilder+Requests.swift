/// The request, error and latency panels of one service on a targets dashboard: an overview
/// section (the totals and a breakdown by the dimension label) and, when there is a
/// dimension, a section filtered by its template variable (one model at a time).
struct RequestPanels {
    let subject: TargetsDashboardSubject
    let service: RequestMetrics

    static let quantiles: [(Double, String)] = [(0.5, "p50"), (0.95, "p95"), (0.99, "p99")]

    func add(to layout: inout GridLayout) {
        layout.row(service.isHistogramOnly ? "\(service.prefix): rate and latency"
                                           : "\(service.prefix): requests, errors, latency")
        layout.evenLine(overviewStats(), perLine: 4, height: 4)
        layout.line(overviewTrends(), widths: [12], height: 8)
        guard let dimension = service.dimension else { return }
        let only = [LabelFilter(name: dimension, op: .matches, value: "$\(dimension)")]
        layout.row("\(service.prefix) per \(dimension): $\(dimension)")
        var panels = [
            PanelFactory.timeseries("\(rateTitle) ($\(dimension))", queries: [PanelQuery(
                requestRate(only: only), legend: rateLegend)], unit: rateUnit, min: 0),
        ]
        if service.latencyHistogram != nil {
            panels.append(PanelFactory.timeseries("Latency ($\(dimension))",
                                                  queries: latencyQueries(only: only), unit: "s", min: 0))
        }
        if let ratio = errorRatio(by: [], only: only) {
            panels.append(PanelFactory.timeseries("Error ratio ($\(dimension))", queries: [PanelQuery(
                ratio, legend: "error ratio")], unit: "percentunit", min: 0))
        }
        layout.evenLine(panels, perLine: 3, height: 8)
    }

    private func overviewStats() -> [GrafanaPanel] {
        var panels = [
            PanelFactory.stat(rateTitle, queries: [PanelQuery(requestRate(), legend: rateLegend)],
                              unit: rateUnit, thresholds: Thresholds(base: "blue")),
        ]
        if let histogram = service.latencyHistogram {
            panels.append(PanelFactory.stat(
                "Latency p95", queries: [PanelQuery(PromQLText.histogramQuantile(
                    0.95, buckets: subject.selector(histogram + "_bucket")), legend: "p95")],
                unit: "s", thresholds: Thresholds(base: "green", [(1, "yellow"), (5, "red")])))
        }
        if let ratio = errorRatio(by: []) {
            panels.append(PanelFactory.stat(
                "Error ratio", queries: [PanelQuery(ratio, legend: "error ratio")], unit: "percentunit",
                thresholds: Thresholds(base: "green", [(0.01, "yellow"), (0.05, "red")]), decimals: 2))
        }
        if let dimension = service.dimension {
            panels.append(PanelFactory.stat(
                "Active \(dimension) values",
                description: "Distinct \(dimension) values among the scraped series.",
                queries: [PanelQuery("count(\(PromQLText.sum(subject.selector(service.requests), by: [dimension])))",
                                     legend: dimension)],
                unit: "short", thresholds: Thresholds(base: "blue")))
        }
        return panels
    }

    private func overviewTrends() -> [GrafanaPanel] {
        let dimensions = service.dimension.map { [$0] } ?? []
        let legend = service.dimension.map { "{{\($0)}}" } ?? rateLegend
        let suffix = service.dimension.map { " by \($0)" } ?? ""
        var panels = [
            PanelFactory.timeseries("\(rateTitle)\(suffix)", queries: [PanelQuery(
                requestRate(by: dimensions), legend: legend)], unit: rateUnit, min: 0),
        ]
        let grouped = errorRatio(by: dimensions)
        if let ratio = grouped ?? errorRatio(by: []) {
            let byDimension = grouped != nil && service.dimension != nil
            panels.append(PanelFactory.timeseries(
                byDimension ? "Error ratio\(suffix)" : "Error ratio",
                queries: [PanelQuery(ratio, legend: byDimension ? legend : "error ratio")],
                unit: "percentunit", thresholds: Thresholds(base: "green", [(0.05, "red")]),
                thresholdLine: .dashed, min: 0))
        }
        if let histogram = service.latencyHistogram {
            panels.append(PanelFactory.timeseries("Latency p50 / p95 / p99", queries: latencyQueries(only: []),
                                                  unit: "s", min: 0))
            if let dimension = service.dimension {
                let p95 = PromQLText.histogramQuantile(0.95, buckets: subject.selector(histogram + "_bucket"),
                                                       by: [dimension])
                panels.append(PanelFactory.timeseries("Latency p95 by \(dimension)", queries: [PanelQuery(
                    p95, legend: "{{\(dimension)}}")], unit: "s", min: 0))
            }
        }
        return panels
    }

    // A histogram without a request counter counts observations, not necessarily requests.
    private var rateTitle: String { service.isHistogramOnly ? "Observation rate" : "Request rate" }
    private var rateLegend: String { service.isHistogramOnly ? "observations/s" : "requests/s" }
    private var rateUnit: String { service.isHistogramOnly ? "ops" : "reqps" }

    private func requestRate(by labels: [String] = [], only: [LabelFilter] = []) -> String {
        PromQLText.sum(PromQLText.rate(subject.selector(service.requests, only)), by: labels)
    }

    private func latencyQueries(only: [LabelFilter]) -> [PanelQuery] {
        guard let histogram = service.latencyHistogram else { return [] }
        return Self.quantiles.map { quantile, name in
            PanelQuery(PromQLText.histogramQuantile(quantile, buckets: subject.selector(histogram + "_bucket", only)),
                       legend: name)
        }
    }

    /// Failed over all requests, grouped by `labels`; nil when errors cannot be told apart,
    /// or cannot be grouped that way (an error counter without the dimension label).
    private func errorRatio(by labels: [String], only: [LabelFilter] = []) -> String? {
        let total = requestRate(by: labels, only: only)
        switch service.errors {
        case .none:
            return nil
        case .statusLabel(let label, let pattern):
            let failed = PromQLText.sum(PromQLText.rate(subject.selector(
                service.requests, only + [LabelFilter(name: label, op: .matches, value: pattern)])), by: labels)
            return PromQLText.ratio(failed, over: total)
        case .counter(let name, let hasDimension):
            if (!labels.isEmpty || !only.isEmpty) && !hasDimension { return nil }
            let failed = PromQLText.sum(PromQLText.rate(subject.selector(name, only)), by: labels)
            return PromQLText.ratio(failed, over: total)
        }
    }
}
