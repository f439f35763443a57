extension ClusterState {
    /// Whether a write without `metadata.resourceVersion` may overwrite blindly.
    enum Precondition {
        /// PUT: the body must carry the current resourceVersion.
        case resourceVersionRequired
        /// PUT on a server that allows unconditional updates, and every PATCH: checked
        /// only when the body carries a resourceVersion.
        case resourceVersionIfPresent
    }

    /// Replaces an object (PUT), or commits the result of a patch. Applies the status
    /// subresource rules, keeps server-owned metadata, bumps `generation` when the spec
    /// changed, and skips no-op writes (no new resourceVersion, no event).
    mutating func update(
        _ resource: FakeResource, _ key: ObjectKey, proposed: JSONValue, subresource: Subresource,
        precondition: Precondition, fieldManager: String, ownership appliedOwnership: FieldOwnership? = nil
    ) throws(APIStatusError) -> JSONValue {
        guard let current = stored(resource, key) else { throw .notFound(resource, name: key.name) }
        try Self.checkTypeMeta(proposed, resource)
        if let bodyName = proposed.metadataName, bodyName != key.name {
            throw .badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(key.name))")
        }
        _ = try Self.resolveNamespace(of: proposed, pathNamespace: key.namespace, resource)
        if let uid = proposed.metadataUID, !uid.isEmpty, uid != current.object.metadataUID {
            throw .conflict(resource, name: key.name,
                because: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.object.metadataUID ?? "")")
        }
        try checkResourceVersion(proposed, current: current.object, resource, key, precondition)

        let old = current.object
        var object = merged(proposed, into: old, resource, subresource)
        for field in ["name", "namespace", "uid", "creationTimestamp", "generation", "resourceVersion",
            "deletionTimestamp", "deletionGracePeriodSeconds"]
        {
            object.setValue(old.value(at: ["metadata", field]), at: ["metadata", field])
        }
        if old.isBeingDeleted, !Set(object.finalizers).isSubset(of: Set(old.finalizers)) {
            throw .invalid(resource, name: key.name, field: "metadata.finalizers",
                message: "Forbidden: no new finalizers can be added if the object is being deleted")
        }
        if resource.bumpsGeneration, Self.spec(of: object, resource) != Self.spec(of: old, resource) {
            let generation = old.value(at: ["metadata", "generation"])?.intValue ?? 0
            object.setValue(.int(generation + 1), at: ["metadata", "generation"])
        }
        try Self.checkDataSize(object, resource, name: key.name)
        if object == old {
            // A no-op write keeps its resourceVersion; an apply may still change owners.
            if let appliedOwnership {
                stores[Self.id(group: resource.group, plural: resource.plural)]?[key]?.ownership = appliedOwnership
            }
            return old
        }

        var ownership = appliedOwnership ?? current.ownership
        if appliedOwnership == nil { ownership.recordUpdate(by: fieldManager, old: old, new: object) }
        if object.isBeingDeleted, object.finalizers.isEmpty {
            // The last finalizer is gone: the pending deletion completes now, and anything
            // the object still owns is collected (Background).
            let deleted = commit(.deleted, resource, key, object: object, ownership: ownership, previous: old)
            if let uid = object.metadataUID {
                collectDependents(ofUID: uid, ownerNamespace: key.namespace, policy: .background)
            }
            return deleted
        }
        return commit(.modified, resource, key, object: object, ownership: ownership, previous: old)
    }

    private func checkResourceVersion(
        _ proposed: JSONValue, current: JSONValue, _ resource: FakeResource, _ key: ObjectKey,
        _ precondition: Precondition
    ) throws(APIStatusError) {
        guard let given = proposed.metadataResourceVersion, !given.isEmpty else {
            if precondition == .resourceVersionRequired {
                throw .conflict(resource, name: key.name,
                    because: "metadata.resourceVersion: Invalid value: 0x0: must be specified for an update")
            }
            return
        }
        guard Int64(given) != nil else {
            throw .badRequest("metadata.resourceVersion: Invalid value: \"\(given)\": must be a decimal integer")
        }
        if given != current.metadataResourceVersion { throw .modified(resource, name: key.name) }
    }

    /// The object a write would produce under the status subresource rules.
    private func merged(_ proposed: JSONValue, into old: JSONValue, _ resource: FakeResource, _ subresource: Subresource)
        -> JSONValue
    {
        switch subresource {
        case .status:
            var object = old
            object["status"] = proposed["status"]
            return object
        case .main:
            var object = proposed
            if resource.hasStatusSubresource { object["status"] = old["status"] }
            return object
        }
    }

    /// The part of an object whose change bumps `generation`: everything but metadata
    /// (and status, for kinds with a status subresource).
    static func spec(of object: JSONValue, _ resource: FakeResource) -> JSONValue {
        var spec = object
        spec["metadata"] = nil
        spec["apiVersion"] = nil
        spec["kind"] = nil
        if resource.hasStatusSubresource { spec["status"] = nil }
        return spec
    }
}
