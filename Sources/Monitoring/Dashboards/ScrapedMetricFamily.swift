/// What the engine learned about one metric family from the targets it scraped: the name,
/// the `# TYPE`, the `# HELP` text and the label names its series carried.
///
/// The targets dashboard derives request, error and latency panels from these (see
/// `RequestMetrics`); without them it shows only the scrape health panels.
public struct ScrapedMetricFamily: Sendable, Hashable {
    /// The family's `# TYPE`.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case counter, gauge, histogram, summary, unknown
    }

    /// The family name: `http_requests_total` in the text format, `http_requests` in
    /// OpenMetrics (both are understood), `http_request_duration_seconds` for a histogram.
    public var name: String
    public var kind: Kind
    public var help: String
    /// Label names seen on the family's series, excluding `__name__` (and `le`/`quantile`,
    /// which are ignored if present).
    public var labelNames: [String]

    public init(name: String, kind: Kind, help: String = "", labelNames: [String] = []) {
        (self.name, self.kind, self.help, self.labelNames) = (name, kind, help, labelNames)
    }

    /// The series name a query selects: counters always end in `_total`.
    var seriesName: String {
        kind == .counter && !name.hasSuffix("_total") ? name + "_total" : name
    }
}
