/// What happens to dependents (objects whose ownerReferences name the deleted object).
public enum PropagationPolicy: String, Sendable {
    /// Dependents are deleted. The fake does it in the same step as the owner.
    case background = "Background"
    /// Dependents are deleted before the owner; here, in the same step.
    case foreground = "Foreground"
    /// Dependents lose their ownerReference to the deleted owner and stay.
    case orphan = "Orphan"
}

/// The parts of DeleteOptions the fake honours.
struct DeleteOptions: Sendable {
    var propagationPolicy: PropagationPolicy = .background
    var preconditionUID: String?
    var preconditionResourceVersion: String?
}

extension ClusterState {
    /// Deletes an object. With finalizers it only gets a `deletionTimestamp`; it goes
    /// away once an update empties `metadata.finalizers`. Returns the object's last state.
    mutating func delete(_ resource: FakeResource, _ key: ObjectKey, options: DeleteOptions)
        throws(APIStatusError) -> JSONValue
    {
        guard let current = stored(resource, key) else { throw .notFound(resource, name: key.name) }
        let object = current.object
        if let uid = options.preconditionUID, uid != object.metadataUID {
            throw .conflict(resource, name: key.name,
                because: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object.metadataUID ?? "")")
        }
        if let version = options.preconditionResourceVersion, version != object.metadataResourceVersion {
            throw .conflict(resource, name: key.name,
                because: "Precondition failed: ResourceVersion in precondition: \(version), "
                    + "ResourceVersion in object meta: \(object.metadataResourceVersion ?? "")")
        }
        let result = remove(resource, key)
        // Dependents of an owner that finalizers hold: Background waits until the owner is
        // really gone (see `update`); Foreground and Orphan act now.
        let ownerHeld = result.isBeingDeleted && options.propagationPolicy == .background
        if let uid = object.metadataUID, !ownerHeld {
            collectDependents(ofUID: uid, ownerNamespace: key.namespace, policy: options.propagationPolicy)
        }
        if resource.plural == "namespaces", resource.group.isEmpty, !result.isBeingDeleted {
            removeContents(ofNamespace: key.name)
        }
        return result
    }

    /// Removes the object now, or marks it for deletion if finalizers hold it.
    private mutating func remove(_ resource: FakeResource, _ key: ObjectKey) -> JSONValue {
        guard let current = stored(resource, key) else { return .null }
        let object = current.object
        guard object.finalizers.isEmpty else {
            if object.isBeingDeleted { return object }
            var marked = object
            marked.setValue(.string(timestamp()), at: ["metadata", "deletionTimestamp"])
            marked.setValue(.int(0), at: ["metadata", "deletionGracePeriodSeconds"])
            return commit(.modified, resource, key, object: marked, ownership: current.ownership, previous: object)
        }
        return commit(.deleted, resource, key, object: object, ownership: current.ownership, previous: object)
    }

    /// Garbage collection: dependents of a deleted owner are deleted (or, when another
    /// owner remains, or with Orphan, just lose the reference).
    mutating func collectDependents(ofUID uid: String, ownerNamespace: String, policy: PropagationPolicy) {
        for resource in resources.values.sorted(by: { $0.qualifiedName < $1.qualifiedName }) {
            for (key, stored) in objects(resource).sorted(by: { $0.key < $1.key }) {
                // Namespaced owners only own objects in their own namespace.
                if !ownerNamespace.isEmpty, key.namespace != ownerNamespace { continue }
                let references = stored.object.value(at: ["metadata", "ownerReferences"])?.arrayValue ?? []
                guard references.contains(where: { $0["uid"]?.stringValue == uid }) else { continue }
                let remaining = references.filter { $0["uid"]?.stringValue != uid }
                if policy == .orphan || !remaining.isEmpty {
                    var updated = stored.object
                    updated.setValue(remaining.isEmpty ? JSONValue?.none : .array(remaining), at: ["metadata", "ownerReferences"])
                    commit(.modified, resource, key, object: updated, ownership: stored.ownership, previous: stored.object)
                } else {
                    let removed = remove(resource, key)
                    if let dependentUID = removed.metadataUID, !removed.isBeingDeleted {
                        collectDependents(ofUID: dependentUID, ownerNamespace: key.namespace, policy: policy)
                    }
                }
            }
        }
    }

    /// A deleted namespace takes every object in it along, finalizers or not
    /// (a simplification of the namespace controller).
    private mutating func removeContents(ofNamespace namespace: String) {
        for resource in resources.values where resource.namespaced {
            for (key, stored) in objects(resource).sorted(by: { $0.key < $1.key }) where key.namespace == namespace {
                commit(.deleted, resource, key, object: stored.object, ownership: stored.ownership, previous: stored.object)
            }
        }
    }
}
