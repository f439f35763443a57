/// The patch formats the fake accepts, by request Content-Type.
enum PatchType: Sendable, Equatable {
    case merge
    case strategicMerge
    case json
    case apply(force: Bool)

    static let mergeContentType = "application/merge-patch+json"
    static let strategicContentType = "application/strategic-merge-patch+json"
    static let applyContentType = "application/apply-patch+yaml"
    static let jsonPatchContentType = "application/json-patch+json"
}

extension ClusterState {
    /// Patches an object. Merge and strategic merge patches need it to exist; apply
    /// creates it when absent. Returns the object and whether it was created.
    mutating func patch(
        _ resource: FakeResource, _ key: ObjectKey, type: PatchType, body: JSONValue, subresource: Subresource,
        fieldManager: String
    ) throws(APIStatusError) -> (object: JSONValue, created: Bool) {
        switch type {
        case .merge, .strategicMerge:
            // Strategic merge patch is served as a merge patch: list merge keys are not
            // modelled. Custom resources never reach here (the router answers 415).
            guard body.objectValue != nil else { throw .badRequest("the patch must be a JSON object") }
            guard let current = stored(resource, key) else { throw .notFound(resource, name: key.name) }
            let proposed = MergePatch.apply(body, to: current.object)
            let object = try update(
                resource, key, proposed: proposed, subresource: subresource, precondition: .resourceVersionIfPresent,
                fieldManager: fieldManager)
            return (object, false)
        case .json:
            guard let current = stored(resource, key) else { throw .notFound(resource, name: key.name) }
            let proposed: JSONValue
            do {
                proposed = try JSONPatch.apply(body, to: current.object)
            } catch {
                throw .invalid(resource, name: key.name, field: "patch", message: error.message)
            }
            let object = try update(
                resource, key, proposed: proposed, subresource: subresource, precondition: .resourceVersionIfPresent,
                fieldManager: fieldManager)
            return (object, false)
        case .apply(let force):
            return try apply(resource, key, config: body, subresource: subresource, manager: fieldManager, force: force)
        }
    }

    /// Server-side apply for one field manager; see `FieldOwnership` for the model.
    private mutating func apply(
        _ resource: FakeResource, _ key: ObjectKey, config: JSONValue, subresource: Subresource, manager: String,
        force: Bool
    ) throws(APIStatusError) -> (object: JSONValue, created: Bool) {
        try Self.checkTypeMeta(config, resource)
        if let name = config.metadataName, name != key.name {
            throw .badRequest("the name of the object (\(name)) does not match the name on the URL (\(key.name))")
        }
        _ = try Self.resolveNamespace(of: config, pathNamespace: key.namespace, resource)
        let paths = FieldOwnership.leafPaths(of: config).filter { path in
            switch subresource {
            case .status: path.first == "status"
            case .main: !(resource.hasStatusSubresource && path.first == "status")
            }
        }
        guard let current = stored(resource, key) else {
            if subresource == .status { throw .notFound(resource, name: key.name) }
            if config.metadataResourceVersion.map({ !$0.isEmpty }) ?? false { throw .resourceVersionSetOnCreate }
            var ownership = FieldOwnership()
            var base: JSONValue = ["apiVersion": .string(resource.apiVersion), "kind": .string(resource.kind)]
            base.setValue(.string(key.name), at: ["metadata", "name"])
            let object = ownership.apply(config, paths: paths, by: manager, force: force, to: base)
            let created = try create(
                resource, namespace: resource.namespaced ? key.namespace : nil, body: object, fieldManager: manager,
                ownership: ownership)
            return (created, true)
        }
        if let given = config.metadataResourceVersion, !given.isEmpty, given != current.object.metadataResourceVersion {
            throw .modified(resource, name: key.name)
        }
        var ownership = current.ownership
        let conflicts = ownership.conflicts(applying: config, paths: paths, by: manager, current: current.object)
        if !conflicts.isEmpty, !force { throw Self.applyConflict(resource, key, conflicts) }
        let proposed = ownership.apply(config, paths: paths, by: manager, force: force, to: current.object)
        let object = try update(
            resource, key, proposed: proposed, subresource: subresource, precondition: .resourceVersionIfPresent,
            fieldManager: manager, ownership: ownership)
        return (object, false)
    }

    private static func applyConflict(_ resource: FakeResource, _ key: ObjectKey, _ conflicts: [FieldOwnership.Conflict])
        -> APIStatusError
    {
        let fields = conflicts.map { (manager: $0.manager, field: "." + $0.path.joined(separator: ".")) }
        let message: String
        if let only = fields.first, fields.count == 1 {
            message = "Apply failed with 1 conflict: conflict with \"\(only.manager)\": \(only.field)"
        } else {
            message = "Apply failed with \(fields.count) conflicts: "
                + fields.map { "conflict with \"\($0.manager)\": \($0.field)" }.joined(separator: "\n")
        }
        var details = APIStatusError.details(resource, name: key.name)
        details["causes"] = .array(fields.map {
            ["reason": "FieldManagerConflict", "message": .string("conflict with \"\($0.manager)\""), "field": .string($0.field)]
        })
        return APIStatusError(code: 409, reason: "Conflict", message: message, details: details)
    }
}
