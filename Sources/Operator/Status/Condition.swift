import Foundation
import Monitoring

// Status conditions are Monitoring's (one model for the status functions and the
// reconcilers, with apimachinery's `set` rules); the operator adds the types and reasons
// only it writes.

public typealias Condition = Monitoring.Condition
public typealias ConditionType = Monitoring.ConditionType
public typealias ConditionStatus = Monitoring.ConditionStatus
public typealias Reason = Monitoring.ConditionReason

extension Monitoring.ConditionStatus {
    /// `True` or `False`.
    public init(_ value: Bool) { self = value ? .true : .false }
}

extension Monitoring.ConditionReason {
    public static let accepted = ConditionReason(rawValue: "Accepted")
    public static let invalidRelabeling = ConditionReason(rawValue: "InvalidRelabeling")
    public static let noMatchingService = ConditionReason(rawValue: "NoMatchingService")
    public static let portNotFound = ConditionReason(rawValue: "PortNotFound")
    public static let configurationTooLarge = ConditionReason(rawValue: "ConfigurationTooLarge")
    public static let targetsUp = ConditionReason(rawValue: "TargetsUp")
    public static let targetsDown = ConditionReason(rawValue: "TargetsDown")
    public static let noTargets = ConditionReason(rawValue: "NoTargets")
    public static let notScrapedYet = ConditionReason(rawValue: "NotScrapedYet")
    public static let notAccepted = ConditionReason(rawValue: "NotAccepted")
    public static let ready = ConditionReason(rawValue: "Ready")
}
