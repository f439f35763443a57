/// Object metadata the SLO kinds need (the rest of `metadata` is ignored when decoding).
public struct SLOObjectMeta: Codable, Sendable, Equatable {
    public var name: String
    public var namespace: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?

    public init(name: String, namespace: String? = nil, labels: [String: String]? = nil,
                annotations: [String: String]? = nil) {
        (self.name, self.namespace, self.labels, self.annotations) = (name, namespace, labels, annotations)
    }
}

/// How good and bad events are measured. Exactly one of `events`, `raw` must be set.
///
/// Every query must contain the `{{.window}}` placeholder (also spelled `{{ .window }}`),
/// which is replaced by each alert window and the period, e.g. `[{{.window}}]` → `[5m]`.
public struct SLOIndicatorSpec: Codable, Sendable, Equatable {
    /// Ratio of two event counts or rates: bad events over all events.
    public struct Events: Codable, Sendable, Equatable {
        /// Bad events over the window, e.g. `sum(rate(requests_total{code=~"5.."}[{{.window}}]))`.
        public var errorQuery: String
        /// All events over the window.
        public var totalQuery: String
        public init(errorQuery: String, totalQuery: String) {
            (self.errorQuery, self.totalQuery) = (errorQuery, totalQuery)
        }
    }

    /// A query that already returns the error ratio (0...1) over the window.
    public struct Raw: Codable, Sendable, Equatable {
        public var errorRatioQuery: String
        public init(errorRatioQuery: String) { self.errorRatioQuery = errorRatioQuery }
    }

    /// Event-ratio SLI (`errorQuery` / `totalQuery`).
    public var events: Events?
    /// Ratio SLI (`errorRatioQuery`).
    public var raw: Raw?
    /// Sloth SLI plugins are not supported; decoded only to report them clearly.
    public var plugin: SLOIgnoredValue?

    public init(events: Events? = nil, raw: Raw? = nil) {
        (self.events, self.raw, self.plugin) = (events, raw, nil)
    }
}

/// The burn-rate alerts of an SLO: one `page` and one `ticket` alert, both named `name`.
public struct SLOAlertingSpec: Codable, Sendable, Equatable {
    /// One of the two alerts; per-alert labels and annotations win over `alerting.*` ones.
    public struct Alert: Codable, Sendable, Equatable {
        public var disable: Bool?
        public var labels: [String: String]?
        public var annotations: [String: String]?
        public init(disable: Bool? = nil, labels: [String: String]? = nil, annotations: [String: String]? = nil) {
            (self.disable, self.labels, self.annotations) = (disable, labels, annotations)
        }
        var isDisabled: Bool { disable ?? false }
    }

    /// Alert name; required unless both alerts are disabled.
    public var name: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var pageAlert: Alert?
    public var ticketAlert: Alert?

    public init(name: String? = nil, labels: [String: String]? = nil, annotations: [String: String]? = nil,
                pageAlert: Alert? = nil, ticketAlert: Alert? = nil) {
        (self.name, self.labels, self.annotations) = (name, labels, annotations)
        (self.pageAlert, self.ticketAlert) = (pageAlert, ticketAlert)
    }
}

/// A field whose content Vigil does not interpret (Sloth plugins); it only records presence
/// so validation can reject it with a field path instead of silently ignoring it.
public struct SLOIgnoredValue: Codable, Sendable, Equatable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}
