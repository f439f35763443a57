/// Where an object lives: its namespace ("" for cluster-scoped kinds) and name. Ordered
/// by namespace then name, the order lists are served in.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }

    public var description: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// The kind of change a watch event reports.
public enum WatchEventType: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
}

/// One committed change, kept in the history ring so watches can resume from a
/// resourceVersion. `previous` lets selector-filtered watches turn "stopped matching"
/// into DELETED and "started matching" into ADDED.
struct RecordedEvent: Sendable {
    var type: WatchEventType
    var resource: FakeResource
    var key: ObjectKey
    var object: JSONValue
    var previous: JSONValue?
    var resourceVersion: Int64
}

extension JSONValue {
    var metadataName: String? { value(at: ["metadata", "name"])?.stringValue }
    var metadataNamespace: String? { value(at: ["metadata", "namespace"])?.stringValue }
    var metadataUID: String? { value(at: ["metadata", "uid"])?.stringValue }
    var metadataResourceVersion: String? { value(at: ["metadata", "resourceVersion"])?.stringValue }
    var finalizers: [String] { value(at: ["metadata", "finalizers"])?.arrayValue?.compactMap(\.stringValue) ?? [] }
    var isBeingDeleted: Bool { value(at: ["metadata", "deletionTimestamp"]) != nil }

    var labels: [String: String] {
        (value(at: ["metadata", "labels"])?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }
}
