import KubernetesClient

extension InMemoryCluster {
    /// Removes an object, tells the watchers, and garbage-collects dependents as the
    /// API server's background propagation does: a dependent loses its reference to the
    /// deleted owner and is deleted itself once no owner it names exists any more.
    func removeAndCollect(_ state: inout State, kind: ResourceKind, key: ObjectKey) {
        guard let removed = state.objects[kind]?.removeValue(forKey: key) else { return }
        state.resourceVersion += 1
        state.writes += 1
        var last = removed
        last.setValue(.string(String(state.resourceVersion)), at: ["metadata", "resourceVersion"])
        for watcher in (state.watchers[kind] ?? [:]).values { watcher.yield(.deleted(last)) }
        guard let uid = removed.value(at: ["metadata", "uid"])?.stringValue else { return }
        for (dependentKind, objects) in state.objects {
            for (dependentKey, dependent) in objects where dependentKey.namespace == key.namespace || !kind.namespaced {
                let references = dependent.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []
                guard references.contains(where: { $0["uid"]?.stringValue == uid }) else { continue }
                let remaining = references.filter { reference in
                    guard let ownerUID = reference["uid"]?.stringValue, ownerUID != uid else { return false }
                    return Self.exists(uid: ownerUID, in: state)
                }
                if remaining.isEmpty {
                    removeAndCollect(&state, kind: dependentKind, key: dependentKey)
                } else {
                    var updated = dependent
                    updated.setValue(.array(remaining), at: ["metadata", "ownerReferences"])
                    _ = commit(&state, kind: dependentKind, key: dependentKey, object: updated)
                }
            }
        }
    }

    private static func exists(uid: String, in state: State) -> Bool {
        state.objects.values.contains { objects in
            objects.values.contains { $0.value(at: ["metadata", "uid"])?.stringValue == uid }
        }
    }
}
