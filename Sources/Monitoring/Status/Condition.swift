import Foundation

/// A status condition following the Kubernetes API conventions: `type`, `status`, a CamelCase
/// `reason`, a human `message`, `lastTransitionTime` (RFC 3339, moved only when `status`
/// changes) and the `observedGeneration` it was computed for. Shared by every kind Vigil
/// writes status for; update a list with ``Swift/Array/set(_:status:reason:message:observedGeneration:now:)``.
public struct Condition: Codable, Sendable, Equatable {
    public var type: ConditionType
    public var status: ConditionStatus
    public var reason: ConditionReason
    public var message: String
    /// When `status` last changed. Encoded as RFC 3339 in whole seconds (`2026-11-23T13:25:01Z`).
    public var lastTransitionTime: Date
    public var observedGeneration: Int64?

    public init(type: ConditionType, status: ConditionStatus, reason: ConditionReason, message: String,
                observedGeneration: Int64?, lastTransitionTime: Date) {
        (self.type, self.status, self.reason, self.message) = (type, status, reason, message)
        (self.observedGeneration, self.lastTransitionTime) = (observedGeneration, lastTransitionTime)
    }

    enum CodingKeys: String, CodingKey {
        case type, status, reason, message, lastTransitionTime, observedGeneration
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(ConditionType.self, forKey: .type)
        status = try container.decode(ConditionStatus.self, forKey: .status)
        reason = try container.decodeIfPresent(ConditionReason.self, forKey: .reason) ?? ConditionReason(rawValue: "")
        message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
        let time = try container.decode(String.self, forKey: .lastTransitionTime)
        guard let date = RFC3339.date(from: time) else {
            throw DecodingError.dataCorruptedError(forKey: .lastTransitionTime, in: container,
                                                   debugDescription: "not an RFC 3339 time: \(time)")
        }
        lastTransitionTime = date
        observedGeneration = try container.decodeIfPresent(Int64.self, forKey: .observedGeneration)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(message, forKey: .message)
        try container.encode(RFC3339.string(from: lastTransitionTime), forKey: .lastTransitionTime)
        try container.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
    }
}

/// `True`, `False` or `Unknown`.
public enum ConditionStatus: String, Codable, Sendable {
    case `true` = "True"
    case `false` = "False"
    case unknown = "Unknown"
}

/// A condition type. Open set: kinds add their own.
public struct ConditionType: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }

    /// The spec is valid and its outputs were generated (every kind).
    public static let accepted = ConditionType(rawValue: "Accepted")
    /// Everything works; what `kubectl wait --for=condition=Ready` waits for (every kind).
    public static let ready = ConditionType(rawValue: "Ready")
    /// ServiceMonitor: the selected targets are up.
    public static let targetsHealthy = ConditionType(rawValue: "TargetsHealthy")
    /// PrometheusRule: every rule evaluates without error.
    public static let evaluating = ConditionType(rawValue: "Evaluating")
    /// ServiceLevel: no error budget left for the period.
    public static let budgetExhausted = ConditionType(rawValue: "BudgetExhausted")
    /// ServiceLevel: the page burn-rate alert is firing.
    public static let pageAlertFiring = ConditionType(rawValue: "PageAlertFiring")
    /// ServiceLevel: the ticket burn-rate alert is firing.
    public static let ticketAlertFiring = ConditionType(rawValue: "TicketAlertFiring")
}

/// A CamelCase reason (`InvalidSpec`, `NoTraffic`). Open set: reasons are added where used.
public struct ConditionReason: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
}
