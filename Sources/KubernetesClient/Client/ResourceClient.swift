import NIOHTTP1

/// The verbs of the Kubernetes API for one kind in one namespace (or all namespaces for
/// list and watch when `namespace` is `nil`). Cheap to create; obtain from
/// `KubernetesClient.api(_:namespace:)`.
public struct ResourceClient<T: KubernetesResource>: Sendable {
    let client: KubernetesClient
    public let resource: ResourceKind
    public let namespace: String?

    init(client: KubernetesClient, resource: ResourceKind, namespace: String?) {
        self.client = client
        self.resource = resource
        self.namespace = resource.namespaced ? namespace : nil
    }

    // MARK: Read

    /// Reads one object. Throws `isNotFound` when it does not exist.
    public func get(_ name: String) async throws(KubernetesError) -> T {
        let bytes = try await client.send(request(.GET, verb: .get, name: name))
        return try decodeObject(bytes, verb: .get)
    }

    /// Reads one page of the collection.
    public func list(_ options: ListOptions = ListOptions()) async throws(KubernetesError) -> ObjectList<T> {
        var request = request(.GET, verb: .list, name: nil, allNamespaces: true)
        request.query = options.queryItems
        return try decodeList(try await client.send(request))
    }

    /// Reads the whole collection, following `continue` tokens page by page. The
    /// returned resourceVersion is the snapshot all pages were served from.
    public func listAll(_ options: ListOptions = ListOptions(limit: 500)) async throws(KubernetesError) -> ObjectList<T> {
        var options = options
        var first = try await list(options)
        var items = first.items
        while let token = first.metadata.continue, !token.isEmpty {
            options.continueToken = token
            let page = try await list(options)
            items.append(contentsOf: page.items)
            first.metadata.continue = page.metadata.continue
        }
        first.items = items
        first.metadata.continue = nil
        return first
    }

    /// Opens a watch. Events arrive as the returned sequence is iterated; it ends when
    /// the server closes the stream (e.g. after `timeoutSeconds`) and throws on an ERROR
    /// event (a 410 there means: list again), malformed data, or a broken connection.
    public func watch(_ options: WatchOptions = WatchOptions()) async throws(KubernetesError) -> WatchEventSequence<T> {
        var request = request(.GET, verb: .watch, name: nil, allNamespaces: true)
        request.query = options.queryItems
        let response = try await client.openStream(request)
        return WatchEventSequence(body: response.body, resource: resource.description)
    }

    // MARK: Write

    /// Creates the object. Throws `isAlreadyExists` if the name is taken.
    public func create(_ object: T) async throws(KubernetesError) -> T {
        let namespace = try targetNamespace(object)
        var request = request(.POST, verb: .create, name: nil, namespace: namespace)
        request.name = object.metadata.name
        request.body = try encode(object, verb: .create)
        return try decodeObject(try await client.send(request), verb: .create)
    }

    /// Replaces the object. Its `metadata.resourceVersion` must be current, else the
    /// server answers 409 (`isConflict`): read again and redo the change.
    public func update(_ object: T) async throws(KubernetesError) -> T {
        try await put(object, verb: .update, subresource: nil)
    }

    /// Replaces the status of the object through the status subresource.
    public func updateStatus(_ object: T) async throws(KubernetesError) -> T {
        try await put(object, verb: .updateStatus, subresource: "status")
    }

    /// Applies a JSON merge patch (RFC 7386) to the object.
    public func patch(_ name: String, mergePatch: JSONValue) async throws(KubernetesError) -> T {
        try await patch(name, body: mergePatch.serialized(), contentType: "application/merge-patch+json", verb: .patch, subresource: nil, query: [])
    }

    /// Applies a JSON merge patch to the status subresource, e.g.
    /// `["status": ["conditions": ...]]`.
    public func patchStatus(_ name: String, mergePatch: JSONValue) async throws(KubernetesError) -> T {
        try await patch(name, body: mergePatch.serialized(), contentType: "application/merge-patch+json", verb: .patchStatus, subresource: "status", query: [])
    }

    /// Server-side apply: `object` is the complete intent of `fieldManager`; fields it
    /// applied before and leaves out now are removed. `force` takes fields over from other
    /// managers instead of failing with a conflict.
    public func apply(_ object: T, fieldManager: String = "vigil", force: Bool = true) async throws(KubernetesError) -> T {
        try await apply(object, fieldManager: fieldManager, force: force, subresource: nil)
    }

    /// Server-side apply of the status subresource.
    public func applyStatus(_ object: T, fieldManager: String = "vigil", force: Bool = true) async throws(KubernetesError) -> T {
        try await apply(object, fieldManager: fieldManager, force: force, subresource: "status")
    }

    /// Deletes the object. `preconditionResourceVersion` makes the delete fail with 409
    /// if the object changed since it was read.
    public func delete(
        _ name: String, propagationPolicy: PropagationPolicy? = .background, preconditionResourceVersion: String? = nil
    ) async throws(KubernetesError) {
        var request = request(.DELETE, verb: .delete, name: name)
        var options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let propagationPolicy { options["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if let preconditionResourceVersion { options["preconditions"] = ["resourceVersion": .string(preconditionResourceVersion)] }
        request.body = options.serialized()
        _ = try await client.send(request)
    }

    // MARK: Helpers

    private func put(_ object: T, verb: KubernetesError.Verb, subresource: String?) async throws(KubernetesError) -> T {
        guard let name = object.metadata.name else {
            throw .decoding(verb: verb, resource: resource.description, message: "metadata.name is required")
        }
        let namespace = try targetNamespace(object)
        var request = request(.PUT, verb: verb, name: name, namespace: namespace, subresource: subresource)
        request.body = try encode(object, verb: verb)
        return try decodeObject(try await client.send(request), verb: verb)
    }

    private func apply(_ object: T, fieldManager: String, force: Bool, subresource: String?) async throws(KubernetesError) -> T {
        guard let name = object.metadata.name else {
            throw .decoding(verb: .apply, resource: resource.description, message: "metadata.name is required")
        }
        let namespace = try targetNamespace(object)
        var body = try JSONCoding.encodeForWire(object, verb: .apply, resource: resource)
        // Apply bodies must carry apiVersion and kind, which typed values may leave out.
        body["apiVersion"] = .string(resource.apiVersion)
        body["kind"] = .string(resource.kind)
        var request = request(.PATCH, verb: .apply, name: name, namespace: namespace, subresource: subresource)
        request.query = [("fieldManager", fieldManager), ("force", force ? "true" : "false")]
        request.body = body.serialized()
        request.contentType = "application/apply-patch+yaml"
        return try decodeObject(try await client.send(request), verb: .apply)
    }

    private func patch(
        _ name: String, body: [UInt8], contentType: String, verb: KubernetesError.Verb, subresource: String?,
        query: [(String, String)]
    ) async throws(KubernetesError) -> T {
        var request = request(.PATCH, verb: verb, name: name, subresource: subresource)
        request.query = query
        request.body = body
        request.contentType = contentType
        return try decodeObject(try await client.send(request), verb: verb)
    }

    private func targetNamespace(_ object: T) throws(KubernetesError) -> String? {
        guard resource.namespaced else { return nil }
        if let namespace = namespace ?? object.metadata.namespace { return namespace }
        return client.configuration.namespace
    }

    private func request(
        _ method: HTTPMethod, verb: KubernetesError.Verb, name: String?, namespace explicitNamespace: String? = nil,
        subresource: String? = nil, allNamespaces: Bool = false
    ) -> KubernetesClient.Request {
        var namespace = explicitNamespace ?? self.namespace
        if namespace == nil, resource.namespaced, !allNamespaces { namespace = client.configuration.namespace }
        return KubernetesClient.Request(
            method: method, path: resource.path(namespace: namespace, name: name, subresource: subresource),
            verb: verb, resource: resource.description, name: name)
    }

    private func encode(_ object: T, verb: KubernetesError.Verb) throws(KubernetesError) -> [UInt8] {
        try JSONCoding.encodeForWire(object, verb: verb, resource: resource).serialized()
    }

    func decodeObject(_ bytes: [UInt8], verb: KubernetesError.Verb) throws(KubernetesError) -> T {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw .decoding(verb: verb, resource: resource.description, message: error.description)
        }
        return try JSONCoding.decodeResource(T.self, from: value, verb: verb, resource: resource)
    }

    func decodeList(_ bytes: [UInt8]) throws(KubernetesError) -> ObjectList<T> {
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw .decoding(verb: .list, resource: resource.description, message: error.description)
        }
        guard case .array(let rawItems)? = value["items"] ?? .array([]) else {
            throw .decoding(verb: .list, resource: resource.description, message: "items: expected an array")
        }
        let metadata: ListMeta
        do { metadata = try JSONCoding.decode(ListMeta.self, from: value["metadata"] ?? .object([:])) } catch {
            throw .decoding(verb: .list, resource: resource.description, message: "metadata: \(JSONCoding.describe(error))")
        }
        var items: [T] = []
        items.reserveCapacity(rawItems.count)
        for (index, raw) in rawItems.enumerated() {
            do {
                items.append(try JSONCoding.decodeResource(T.self, from: raw, verb: .list, resource: resource))
            } catch {
                throw .decoding(verb: .list, resource: resource.description, message: "items[\(index)]: \(error)")
            }
        }
        return ObjectList(metadata: metadata, items: items)
    }
}

extension JSONCoding {
    /// Decodes a resource and keeps the members its type does not model.
    static func decodeResource<T: KubernetesResource>(
        _ type: T.Type, from value: JSONValue, verb: KubernetesError.Verb, resource: ResourceKind
    ) throws(KubernetesError) -> T {
        do {
            var (object, retained) = try decodeRetaining(type, from: value)
            object.retainedFields = retained
            return object
        } catch {
            throw .decoding(verb: verb, resource: resource.description, message: describe(error))
        }
    }

    /// The JSON sent for a write: the typed members, the retained unknown members, and
    /// `apiVersion`/`kind` filled in when the type leaves them out.
    static func encodeForWire<T: KubernetesResource>(
        _ object: T, verb: KubernetesError.Verb, resource: ResourceKind
    ) throws(KubernetesError) -> JSONValue {
        var value: JSONValue
        do { value = object.retainedFields.merged(into: try encode(object)) } catch {
            throw .decoding(verb: verb, resource: resource.description, message: "cannot encode object: \(error)")
        }
        if value["apiVersion"] == nil, !resource.kind.isEmpty { value["apiVersion"] = .string(resource.apiVersion) }
        if value["kind"] == nil, !resource.kind.isEmpty { value["kind"] = .string(resource.kind) }
        return value
    }
}
