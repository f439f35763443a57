import Foundation
import KubernetesClient

/// A status condition with the Kubernetes API conventions' fields.
public struct Condition: Sendable, Hashable, Codable {
    public var type: ConditionType
    public var status: ConditionStatus
    /// CamelCase, machine-readable cause.
    public var reason: Reason
    /// For people: what is wrong and where (field paths, targets, errors).
    public var message: String
    /// The object's `metadata.generation` this condition was computed from.
    public var observedGeneration: Int64?
    /// When `status` last changed (not when reason or message did).
    public var lastTransitionTime: Time

    public init(type: ConditionType, status: ConditionStatus, reason: Reason, message: String,
                observedGeneration: Int64?, lastTransitionTime: Time) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
    }
}

/// `True`, `False` or `Unknown`.
public enum ConditionStatus: String, Sendable, Hashable, Codable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"

    public init(_ value: Bool) { self = value ? .true : .false }
}

/// A condition type, e.g. ``ready``.
public struct ConditionType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The object is valid and in the generated configuration.
    public static let accepted = ConditionType(rawValue: "Accepted")
    /// Every resolved target of a ServiceMonitor answered its last scrape.
    public static let targetsHealthy = ConditionType(rawValue: "TargetsHealthy")
    /// Every rule of a PrometheusRule evaluates without error.
    public static let evaluating = ConditionType(rawValue: "Evaluating")
    /// The object does what it asks for; `kubectl wait --for=condition=Ready`.
    public static let ready = ConditionType(rawValue: "Ready")
    /// A ServiceLevel's error budget is used up.
    public static let budgetExhausted = ConditionType(rawValue: "BudgetExhausted")
    /// A ServiceLevel's page alert fires.
    public static let pageAlertFiring = ConditionType(rawValue: "PageAlertFiring")
    /// A ServiceLevel's ticket alert fires.
    public static let ticketAlertFiring = ConditionType(rawValue: "TicketAlertFiring")
}

/// A condition reason (CamelCase).
public struct Reason: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let accepted = Reason(rawValue: "Accepted")
    public static let invalidSpec = Reason(rawValue: "InvalidSpec")
    public static let invalidRelabeling = Reason(rawValue: "InvalidRelabeling")
    public static let invalidConfiguration = Reason(rawValue: "InvalidConfiguration")
    public static let invalidRule = Reason(rawValue: "InvalidRule")
    public static let noMatchingService = Reason(rawValue: "NoMatchingService")
    public static let portNotFound = Reason(rawValue: "PortNotFound")
    public static let targetsUp = Reason(rawValue: "TargetsUp")
    public static let targetsDown = Reason(rawValue: "TargetsDown")
    public static let noTargets = Reason(rawValue: "NoTargets")
    public static let notScrapedYet = Reason(rawValue: "NotScrapedYet")
    public static let notAccepted = Reason(rawValue: "NotAccepted")
    public static let ready = Reason(rawValue: "Ready")
    public static let rulesLoaded = Reason(rawValue: "RulesLoaded")
    public static let evaluatorNotRunning = Reason(rawValue: "EvaluatorNotRunning")
}

extension [Condition] {
    /// Sets one condition with apimachinery's rules: a new condition gets `now`; an
    /// existing one gets a new `lastTransitionTime` only when `status` changes, while
    /// reason, message and observedGeneration change silently.
    ///
    /// - Returns: whether anything changed.
    @discardableResult
    public mutating func set(_ type: ConditionType, status: ConditionStatus, reason: Reason, message: String,
                             observedGeneration: Int64?, now: Date) -> Bool {
        guard let index = firstIndex(where: { $0.type == type }) else {
            append(Condition(type: type, status: status, reason: reason, message: message,
                             observedGeneration: observedGeneration, lastTransitionTime: Time(Self.truncated(now))))
            return true
        }
        let old = self[index]
        var new = old
        (new.reason, new.message, new.observedGeneration) = (reason, message, observedGeneration)
        if old.status != status {
            (new.status, new.lastTransitionTime) = (status, Time(Self.truncated(now)))
        }
        self[index] = new
        return new != old
    }

    /// The condition of a type, if set.
    public subscript(type: ConditionType) -> Condition? { first { $0.type == type } }

    /// Conditions are written with whole seconds (RFC 3339 without fraction), so the
    /// value read back equals the one kept.
    static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
