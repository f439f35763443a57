/// One problem found in a ServiceMonitor, with the field it is in.
public struct ValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// Whether the problem rejects the monitor.
    public enum Severity: Sendable, Equatable {
        /// The monitor is left out of the config (`Accepted=False`).
        case error
        /// Reported, but the monitor is still used (prometheus-operator accepts it).
        case warning
    }

    /// Dotted path with indices, e.g. `spec.endpoints[1].relabelings[0].regex`.
    public var field: String
    public var message: String
    public var reason: Reason
    public var severity: Severity

    public init(field: String, message: String, reason: Reason, severity: Severity = .error) {
        (self.field, self.message, self.reason, self.severity) = (field, message, reason, severity)
    }

    /// `spec.endpoints[0]: port and targetPort are mutually exclusive`.
    public var description: String { "\(field): \(message)" }

    /// A machine-readable cause, for condition reasons and metrics.
    public struct Reason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// `spec.selector` is not a valid Kubernetes label selector.
        public static let invalidSelector = Reason(rawValue: "InvalidSelector")
        /// An endpoint field is wrong (port, scheme, durations, proxy, file access…).
        public static let invalidEndpoint = Reason(rawValue: "InvalidEndpoint")
        /// A relabeling or metric relabeling cannot work.
        public static let invalidRelabeling = Reason(rawValue: "InvalidRelabeling")
        /// Auth settings conflict or are incomplete.
        public static let invalidAuthentication = Reason(rawValue: "InvalidAuthentication")
        /// TLS settings conflict or are incomplete.
        public static let invalidTLSConfig = Reason(rawValue: "InvalidTLSConfig")
        /// A referenced Secret or ConfigMap (or its key) does not exist.
        public static let referenceNotFound = Reason(rawValue: "ReferenceNotFound")
        /// `scrapeTimeout` is longer than the scrape interval.
        public static let invalidScrapeTimeout = Reason(rawValue: "InvalidScrapeTimeout")
        /// `scrapeClass` names a class the Prometheus does not define.
        public static let unknownScrapeClass = Reason(rawValue: "UnknownScrapeClass")
        /// A field needs a newer Prometheus than the one configured.
        public static let unsupportedByVersion = Reason(rawValue: "UnsupportedByVersion")
    }
}
