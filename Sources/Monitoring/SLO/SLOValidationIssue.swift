/// One problem found in a ServiceLevel or PrometheusServiceLevel, with the field it concerns.
public struct SLOValidationIssue: Sendable, Equatable, CustomStringConvertible {
    /// Machine-readable reason (stable; used in status conditions).
    public struct Reason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let missingField = Reason(rawValue: "MissingField")
        public static let invalidName = Reason(rawValue: "InvalidName")
        public static let nameTooLong = Reason(rawValue: "NameTooLong")
        public static let duplicateID = Reason(rawValue: "DuplicateID")
        public static let objectiveOutOfRange = Reason(rawValue: "ObjectiveOutOfRange")
        public static let unsupportedTimeWindow = Reason(rawValue: "UnsupportedTimeWindow")
        public static let missingSLI = Reason(rawValue: "MissingSLI")
        public static let conflictingSLI = Reason(rawValue: "ConflictingSLI")
        public static let identicalQueries = Reason(rawValue: "IdenticalQueries")
        public static let missingWindowPlaceholder = Reason(rawValue: "MissingWindowPlaceholder")
        public static let unsupportedTemplate = Reason(rawValue: "UnsupportedTemplate")
        public static let invalidQuery = Reason(rawValue: "InvalidQuery")
        public static let missingAlertName = Reason(rawValue: "MissingAlertName")
        public static let invalidLabelName = Reason(rawValue: "InvalidLabelName")
        public static let reservedLabelName = Reason(rawValue: "ReservedLabelName")
        public static let emptyLabelValue = Reason(rawValue: "EmptyLabelValue")
        public static let emptyAnnotationValue = Reason(rawValue: "EmptyAnnotationValue")
        public static let unsupportedField = Reason(rawValue: "UnsupportedField")
        public static let wrongKind = Reason(rawValue: "WrongKind")
    }

    /// Field path, e.g. `spec.slos[1].sli.events.errorQuery` or `spec.labels[team]`.
    public var path: String
    public var reason: Reason
    /// Human-readable explanation.
    public var message: String

    public init(path: String, reason: Reason, message: String) {
        (self.path, self.reason, self.message) = (path, reason, message)
    }

    public var description: String { "\(path): \(message) (\(reason))" }
}

/// Every problem of an object that cannot be turned into rules.
public struct SLOValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [SLOValidationIssue]
    public init(issues: [SLOValidationIssue]) { self.issues = issues }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
