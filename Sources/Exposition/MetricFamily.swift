/// A metric family to write: metadata plus samples whose `__name__` is the family name
/// or the family name with a type suffix (`_total`, `_bucket`, `_sum`, `_count`, ...).
public struct MetricFamily: Sendable, Equatable {
    /// The family name. For OpenMetrics counters it excludes `_total`.
    public var name: String
    /// The declared type.
    public var type: MetricType
    /// The help text, unescaped; omitted from the output when nil.
    public var help: String?
    /// The unit (OpenMetrics only; the metric name must end with `_<unit>`).
    public var unit: String?
    /// The samples, written in this order.
    public var samples: [ExpositionSample]

    /// Creates a family.
    public init(name: String, type: MetricType, help: String? = nil, unit: String? = nil, samples: [ExpositionSample]) {
        self.name = name
        self.type = type
        self.help = help
        self.unit = unit
        self.samples = samples
    }
}
