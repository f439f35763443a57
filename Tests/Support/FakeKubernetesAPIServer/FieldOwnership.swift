/// A path of object keys to one field, e.g. `["spec", "replicas"]`.
typealias FieldPath = [String]

/// Which field manager owns which fields of one object: the side table behind
/// server-side apply. It is not exposed as `metadata.managedFields`.
///
/// Simplification: every array is atomic (one field), as for a custom resource whose
/// schema declares no list-map keys; objects are granular down to their scalar leaves.
struct FieldOwnership: Sendable, Equatable {
    private(set) var managers: [String: Set<FieldPath>] = [:]

    /// A field claimed by two managers with different values.
    struct Conflict: Equatable {
        var manager: String
        var path: FieldPath
    }

    /// Fields the server maintains; no manager owns them.
    private static let serverOwned: Set<FieldPath> = [
        ["apiVersion"], ["kind"], ["metadata", "name"], ["metadata", "namespace"],
        ["metadata", "resourceVersion"], ["metadata", "uid"], ["metadata", "creationTimestamp"],
        ["metadata", "generation"], ["metadata", "managedFields"], ["metadata", "deletionTimestamp"],
        ["metadata", "deletionGracePeriodSeconds"],
    ]

    /// Leaf paths of a value: scalars, arrays and empty objects are leaves.
    static func leafPaths(of value: JSONValue) -> Set<FieldPath> {
        var paths: Set<FieldPath> = []
        collect(value, prefix: [], into: &paths)
        return paths.filter { !serverOwned.contains($0) }
    }

    private static func collect(_ value: JSONValue, prefix: FieldPath, into paths: inout Set<FieldPath>) {
        if let members = value.objectValue, !members.isEmpty {
            for (key, child) in members { collect(child, prefix: prefix + [key], into: &paths) }
        } else if !prefix.isEmpty {
            paths.insert(prefix)
        }
    }

    /// Records a non-apply write (create, update, patch): the writer becomes the only
    /// owner of every field whose value it changed, and removed fields lose their owners.
    mutating func recordUpdate(by manager: String, old: JSONValue, new: JSONValue) {
        let newPaths = Self.leafPaths(of: new)
        let changed = newPaths.filter { old.value(at: $0) != new.value(at: $0) }
        let removed = Self.leafPaths(of: old).subtracting(newPaths)
        guard !changed.isEmpty || !removed.isEmpty else { return }
        for name in managers.keys {
            managers[name]?.subtract(changed)
            managers[name]?.subtract(removed)
        }
        managers[manager, default: []].formUnion(changed)
        managers = managers.filter { !$0.value.isEmpty }
    }

    /// Fields in `applied` owned by another manager whose current value differs.
    func conflicts(applying applied: JSONValue, paths: Set<FieldPath>, by manager: String, current: JSONValue)
        -> [Conflict]
    {
        var found: [Conflict] = []
        for (other, owned) in managers where other != manager {
            for path in owned.intersection(paths) where current.value(at: path) != applied.value(at: path) {
                found.append(Conflict(manager: other, path: path))
            }
        }
        return found.sorted { ($0.manager, $0.path.joined(separator: ".")) < ($1.manager, $1.path.joined(separator: ".")) }
    }

    /// Applies `config` for `manager`: fields it applied before but no longer does are
    /// removed (unless someone else owns them), applied fields take the applied values,
    /// and with `force` conflicting fields move to this manager.
    mutating func apply(_ config: JSONValue, paths: Set<FieldPath>, by manager: String, force: Bool, to current: JSONValue)
        -> JSONValue
    {
        var result = current
        if force {
            for other in managers.keys where other != manager { managers[other]?.subtract(paths) }
        }
        let dropped = (managers[manager] ?? []).subtracting(paths)
        for path in dropped {
            let ownedElsewhere = managers.contains { $0.key != manager && $0.value.contains(path) }
            if !ownedElsewhere { result.setValue(nil, at: path) }
        }
        for path in paths {
            guard let value = config.value(at: path) else { continue }
            // An empty object in the configuration claims the field without wiping what
            // others put inside it.
            if value == .object([:]), result.value(at: path)?.objectValue != nil { continue }
            result.setValue(value, at: path)
        }
        managers[manager] = paths
        managers = managers.filter { !$0.value.isEmpty }
        return result
    }

    /// Managers owning a field, sorted; for tests and diagnostics.
    func owners(of path: FieldPath) -> [String] {
        managers.filter { $0.value.contains(path) }.map(\.key).sorted()
    }
}
