/// Which part of an object a write addresses.
enum Subresource: Sendable, Equatable {
    case main
    case status
}

extension ClusterState {
    /// Creates an object, as POST to a collection does. `namespace` is the one in the
    /// path (nil for cluster-scoped kinds).
    mutating func create(
        _ resource: FakeResource, namespace: String?, body: JSONValue, fieldManager: String,
        ownership appliedOwnership: FieldOwnership? = nil
    ) throws(APIStatusError) -> JSONValue {
        try Self.checkTypeMeta(body, resource)
        var object = body
        let namespace = try Self.resolveNamespace(of: body, pathNamespace: namespace, resource)
        if object.metadataResourceVersion.map({ !$0.isEmpty }) ?? false {
            throw .resourceVersionSetOnCreate
        }
        var name = object.metadataName ?? ""
        if name.isEmpty {
            guard let prefix = object.value(at: ["metadata", "generateName"])?.stringValue, !prefix.isEmpty else {
                throw .invalid(resource, name: "", field: "metadata.name",
                    message: "Required value: name or generateName is required")
            }
            name = prefix + environment.randomSuffix()
        }
        try Self.checkName(name, resource)
        if resource.namespaced, !namespaceExists(namespace) { throw .namespaceNotFound(namespace) }
        let key = ObjectKey(namespace: namespace, name: name)
        if stored(resource, key) != nil { throw .alreadyExists(resource, name: name) }

        object.setValue(.string(name), at: ["metadata", "name"])
        object.setValue(resource.namespaced ? .string(namespace) : JSONValue?.none, at: ["metadata", "namespace"])
        object.setValue(.string(environment.newUID()), at: ["metadata", "uid"])
        object.setValue(.string(timestamp()), at: ["metadata", "creationTimestamp"])
        object.setValue(resource.bumpsGeneration ? .int(1) : JSONValue?.none, at: ["metadata", "generation"])
        for field in ["deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"] {
            object.setValue(nil, at: ["metadata", field])
        }
        // With a status subresource, status is only written through /status.
        if resource.hasStatusSubresource { object["status"] = nil }

        try Self.checkDataSize(object, resource, name: name)
        var ownership = appliedOwnership ?? FieldOwnership()
        if appliedOwnership == nil { ownership.recordUpdate(by: fieldManager, old: .object([:]), new: object) }
        return commit(.added, resource, key, object: object, ownership: ownership, previous: nil)
    }

    // MARK: Validation shared by every write

    static func checkTypeMeta(_ body: JSONValue, _ resource: FakeResource) throws(APIStatusError) {
        guard body.objectValue != nil else { throw .badRequest("the request body must be a JSON object") }
        guard let apiVersion = body["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            throw .badRequest("Object 'apiVersion' is missing in the request body")
        }
        guard let kind = body["kind"]?.stringValue, !kind.isEmpty else {
            throw .badRequest("Object 'Kind' is missing in the request body")
        }
        guard apiVersion == resource.apiVersion else {
            throw .badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version (\(resource.apiVersion))")
        }
        guard kind == resource.kind else {
            throw .badRequest("the kind in the data (\(kind)) does not match the expected kind (\(resource.kind))")
        }
        if let metadata = body["metadata"], metadata.objectValue == nil {
            throw .badRequest("metadata must be an object")
        }
    }

    /// The namespace an object belongs in; a body naming another namespace is refused.
    static func resolveNamespace(of body: JSONValue, pathNamespace: String?, _ resource: FakeResource)
        throws(APIStatusError) -> String
    {
        guard resource.namespaced, let pathNamespace else { return "" }
        if let bodyNamespace = body.metadataNamespace, !bodyNamespace.isEmpty, bodyNamespace != pathNamespace {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        return pathNamespace
    }

    /// Names must be DNS subdomains: lower-case alphanumerics, '-' and '.', at most 253.
    static func checkName(_ name: String, _ resource: FakeResource) throws(APIStatusError) {
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "."
        }
        let edgesOK = name.first.map { $0.isLetter || $0.isNumber } ?? false
            && (name.last.map { $0.isLetter || $0.isNumber } ?? false)
        guard allowed, edgesOK, name.count <= 253 else {
            throw .invalid(resource, name: name, field: "metadata.name",
                message: "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case "
                    + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")
        }
    }
}
