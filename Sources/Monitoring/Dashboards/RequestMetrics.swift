/// Request metrics of one service found by naming conventions: a `…_requests_total` counter
/// (or any `_total` counter with a status label), its errors (a status label or a sibling
/// `…_errors_total` counter) and a `…_seconds` histogram with the same prefix.
struct RequestMetrics: Sendable, Equatable {
    /// Where failed requests are counted.
    enum Errors: Sendable, Equatable {
        /// The request counter's `label` matches `pattern` for failures (e.g. `code=~"5.."`).
        case statusLabel(String, pattern: String)
        /// A separate counter; `hasDimension` when it carries the breakdown label too.
        case counter(String, hasDimension: Bool)
    }

    /// Common prefix, used as the section title (`kthena_inference`).
    var prefix: String
    /// The counter whose rate is the request rate (a histogram's `_count` when there is
    /// no request counter).
    var requests: String
    var errors: Errors?
    /// Base name of a latency histogram (its `_bucket` series are queried).
    var latencyHistogram: String?
    /// The label to break panels down by and to offer as a template variable (`model_id`).
    var dimension: String?

    /// True for a histogram found on its own: its rate counts observations (`_count`).
    var isHistogramOnly: Bool { latencyHistogram.map { requests == $0 + "_count" } ?? false }

    static let statusLabels = ["code", "status_code", "status", "http_status", "response_code"]
    static let errorCounterSuffixes = ["_errors_total", "_failures_total", "_requests_failed_total",
                                       "_failed_requests_total", "_request_errors_total"]

    /// Every service found in `families`, ordered by prefix. Histograms no request counter
    /// claims still get a section of their own (rate from `_count`, quantiles from buckets).
    static func detect(in families: [ScrapedMetricFamily], dimensionLabels: [String],
                       errorStatusPattern: String) -> [RequestMetrics] {
        let counters = families.filter { $0.kind == .counter }
        let histograms = families.filter { $0.kind == .histogram && $0.name.hasSuffix("_seconds") }
            .sorted { $0.name < $1.name }
        let counterNames = Set(counters.map(\.seriesName))
        var found: [RequestMetrics] = []
        var claimed: Set<String> = []
        let requestCounters = counters.filter { counter in
            let name = counter.seriesName
            if errorCounterSuffixes.contains(where: name.hasSuffix) { return false }
            return name.hasSuffix("_requests_total") || statusLabel(of: counter) != nil
        }.sorted { $0.seriesName < $1.seriesName }
        for counter in requestCounters {
            let name = counter.seriesName
            let prefix = String(name.dropLast(name.hasSuffix("_requests_total") ? 15 : 6))
            let dimension = dimensionLabels.first { counter.labelNames.contains($0) }
            var errors: Errors?
            if let label = statusLabel(of: counter) {
                errors = .statusLabel(label, pattern: errorStatusPattern)
            } else if let errorName = errorCounterSuffixes.map({ prefix + $0 }).first(where: counterNames.contains) {
                let errorFamily = counters.first { $0.seriesName == errorName }
                let hasDimension = dimension.map { errorFamily?.labelNames.contains($0) ?? false } ?? false
                errors = .counter(errorName, hasDimension: hasDimension)
            }
            let latency = histograms.filter { $0.name.hasPrefix(prefix + "_") && !claimed.contains($0.name) }
                .min { rank($0.name) < rank($1.name) }
            if let latency { claimed.insert(latency.name) }
            found.append(RequestMetrics(prefix: prefix, requests: name, errors: errors,
                                        latencyHistogram: latency?.name, dimension: dimension))
        }
        for histogram in histograms where !claimed.contains(histogram.name) {
            found.append(RequestMetrics(
                prefix: histogram.name, requests: histogram.name + "_count", errors: nil,
                latencyHistogram: histogram.name,
                dimension: dimensionLabels.first { histogram.labelNames.contains($0) }))
        }
        return found.sorted { $0.prefix < $1.prefix }
    }

    private static func statusLabel(of family: ScrapedMetricFamily) -> String? {
        statusLabels.first { family.labelNames.contains($0) }
    }

    /// Prefers histograms named like request latencies over other `_seconds` histograms.
    private static func rank(_ name: String) -> (Int, String) {
        (name.contains("duration") || name.contains("latency") ? 0 : 1, name)
    }
}
