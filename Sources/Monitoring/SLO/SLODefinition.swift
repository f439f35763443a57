/// One validated SLO, normalized from either input kind; what the rule generator consumes.
public struct SLODefinition: Sendable, Equatable {
    /// How the SLI is measured.
    public enum Indicator: Sendable, Equatable {
        /// Bad events over all events (queries still contain the window placeholder).
        case events(errorQuery: String, totalQuery: String)
        /// A query returning the error ratio (with the window placeholder).
        case raw(errorRatioQuery: String)
    }

    /// One enabled alert with its merged labels and annotations (user values on top).
    public struct Alert: Sendable, Equatable {
        public var labels: [String: String]
        public var annotations: [String: String]
    }

    public var service: String
    public var name: String
    /// Percent, e.g. 99.9.
    public var objective: Double
    public var period: SLOPeriod
    public var indicator: Indicator
    /// `spec.labels` overlaid by per-SLO labels.
    public var labels: [String: String]
    /// Name of both alerts; nil when both are disabled.
    public var alertName: String?
    public var pageAlert: Alert?
    public var ticketAlert: Alert?
    /// The input format, written into `sloth_slo_info{sloth_spec=…}`.
    public var specVersion: String

    /// `<service>-<name>`: the `sloth_id` label and the rule group suffix.
    public var id: String { "\(service)-\(name)" }
}
