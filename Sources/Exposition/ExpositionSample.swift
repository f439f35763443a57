/// One sample of an exposition: a series, its value and an optional timestamp and exemplar.
public struct ExpositionSample: Sendable, Equatable {
    /// The series labels, `__name__` included.
    public var labels: Labels
    /// The sample value. NaN, +Inf and -Inf are allowed.
    public var value: Double
    /// Milliseconds since the Unix epoch, if the exposition gave one. OpenMetrics gives
    /// seconds; they are converted (truncated to the millisecond, saturated to `Int64`).
    public var timestamp: Int64?
    /// The exemplar attached to the sample (OpenMetrics only), unless the parser drops them.
    public var exemplar: Exemplar?

    /// Creates a sample.
    public init(labels: Labels, value: Double, timestamp: Int64? = nil, exemplar: Exemplar? = nil) {
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
        self.exemplar = exemplar
    }

    /// The metric name (the `__name__` label), or the empty string if missing.
    public var metricName: String { labels.metricName ?? "" }
}

/// An OpenMetrics exemplar: a reference (usually a trace ID) attached to a sample.
public struct Exemplar: Sendable, Equatable {
    /// The exemplar's own labels, e.g. `trace_id`.
    public var labels: Labels
    /// The exemplar value.
    public var value: Double
    /// Milliseconds since the Unix epoch, if given.
    public var timestamp: Int64?

    /// Creates an exemplar.
    public init(labels: Labels, value: Double, timestamp: Int64? = nil) {
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }
}
