import PromQL
import TSDB

/// One alert of an alerting rule: a label set the rule's expression returned, and where
/// it stands in the inactive → pending → firing → resolved life cycle.
public struct Alert: Sendable, Equatable {
    /// Prometheus's alert states (`alertstate` label, `/api/v1/alerts` `state`).
    public enum State: String, Sendable, Equatable, Comparable {
        case inactive
        case pending
        case firing

        public static func < (lhs: State, rhs: State) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int {
            switch self {
            case .inactive: 0
            case .pending: 1
            case .firing: 2
            }
        }
    }

    /// The alert's identity: the result's labels without `__name__`, plus the rule's
    /// (expanded) labels and `alertname`.
    public var labels: Labels
    /// Expanded annotations, by name (values may be empty, unlike labels).
    public var annotations: [String: String]
    /// Where the alert stands now.
    public var state: State
    /// The expression's value at the latest evaluation that returned this alert.
    public var value: Double
    /// When the alert first became pending (milliseconds since the epoch).
    public var activeAt: Milliseconds
    /// When it started firing, if it did.
    public var firedAt: Milliseconds?
    /// When it was resolved, if it was.
    public var resolvedAt: Milliseconds?
    /// Since when a firing alert has been kept firing by `keep_firing_for` after its
    /// expression stopped returning it.
    public var keepFiringSince: Milliseconds?

    public init(labels: Labels, annotations: [String: String], state: State, value: Double,
                activeAt: Milliseconds, firedAt: Milliseconds? = nil, resolvedAt: Milliseconds? = nil,
                keepFiringSince: Milliseconds? = nil) {
        self.labels = labels
        self.annotations = annotations
        self.state = state
        self.value = value
        self.activeAt = activeAt
        self.firedAt = firedAt
        self.resolvedAt = resolvedAt
        self.keepFiringSince = keepFiringSince
    }

    public static func == (lhs: Alert, rhs: Alert) -> Bool {
        lhs.labels == rhs.labels && lhs.annotations == rhs.annotations && lhs.state == rhs.state
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN)) && lhs.activeAt == rhs.activeAt
            && lhs.firedAt == rhs.firedAt && lhs.resolvedAt == rhs.resolvedAt
            && lhs.keepFiringSince == rhs.keepFiringSince
    }
}

/// The alert state machine of one alerting rule (Prometheus 2.42 `AlertingRule.Eval`):
/// fed the alerts one evaluation returned, it moves each alert between states and keeps
/// resolved alerts for 15 minutes. It knows nothing of queries or templates, so it is
/// tested on its own.
public struct AlertTracker: Sendable, Equatable {
    /// How long resolved alerts are kept (and reported) after resolving.
    public static let resolvedRetention: Milliseconds = 15 * 60_000

    /// `for`: how long an alert stays pending before firing.
    public let holdDuration: Milliseconds
    /// `keep_firing_for`: how long a firing alert keeps firing once its expression no
    /// longer returns it.
    public let keepFiringFor: Milliseconds
    /// Alerts by label set: pending, firing, or resolved within the retention.
    public private(set) var alerts: [Labels: Alert] = [:]

    public init(holdDuration: Milliseconds, keepFiringFor: Milliseconds = 0) {
        self.holdDuration = holdDuration
        self.keepFiringFor = keepFiringFor
    }

    /// Applies one evaluation at `t`: `returned` maps each label set the expression
    /// produced to its value and expanded annotations. Returns the alerts that are now
    /// pending or firing (what `ALERTS` shows), sorted by labels.
    public mutating func observe(_ returned: [Labels: (value: Double, annotations: [String: String])],
                                 at t: Milliseconds) -> [Alert] {
        for (labels, result) in returned {
            if var existing = alerts[labels], existing.state != .inactive {
                existing.value = result.value
                existing.annotations = result.annotations
                alerts[labels] = existing
            } else {
                alerts[labels] = Alert(labels: labels, annotations: result.annotations, state: .pending,
                                       value: result.value, activeAt: t)
            }
        }
        var current: [Alert] = []
        for (labels, original) in alerts {
            var alert = original
            if returned[labels] == nil {
                var keepFiring = false
                if alert.state == .firing, keepFiringFor > 0 {
                    let since = alert.keepFiringSince ?? t
                    alert.keepFiringSince = since
                    keepFiring = t - since < keepFiringFor
                }
                // Pending alerts vanish at once; resolved ones after the retention.
                var remove = alert.state == .pending
                if let resolvedAt = alert.resolvedAt, t - resolvedAt > Self.resolvedRetention { remove = true }
                if alert.state != .inactive, !keepFiring {
                    alert.state = .inactive
                    alert.resolvedAt = t
                }
                alerts[labels] = remove ? nil : alert
                if !keepFiring { continue }
            } else {
                alert.keepFiringSince = nil
            }
            if alert.state == .pending, t - alert.activeAt >= holdDuration {
                alert.state = .firing
                alert.firedAt = t
            }
            alerts[labels] = alert
            current.append(alert)
        }
        return current.sorted { $0.labels < $1.labels }
    }

    /// Forgets every alert (after exceeding the group's limit, as Prometheus does).
    public mutating func reset() {
        alerts = [:]
    }

    /// Replaces `activeAt` of pending and firing alerts where `body` has a restored value.
    mutating func restoreActiveAt(_ body: (Alert) -> Milliseconds?) {
        for (labels, alert) in alerts where alert.state != .inactive {
            if let restored = body(alert) { alerts[labels]?.activeAt = restored }
        }
    }

    /// Carries alerts over from the same rule before a reload.
    mutating func adopt(_ other: AlertTracker) {
        alerts = other.alerts
    }

    /// Alerts not inactive (pending or firing), sorted by labels.
    public var activeAlerts: [Alert] {
        alerts.values.filter { $0.state != .inactive }.sorted { $0.labels < $1.labels }
    }

    public static func == (lhs: AlertTracker, rhs: AlertTracker) -> Bool {
        lhs.holdDuration == rhs.holdDuration && lhs.keepFiringFor == rhs.keepFiringFor && lhs.alerts == rhs.alerts
    }
}
