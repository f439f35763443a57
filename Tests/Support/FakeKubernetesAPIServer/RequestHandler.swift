import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat

/// Serves one routed request. Reads and writes happen under the server's lock;
/// encoding and streaming happen outside it.
struct RequestHandler: Sendable {
    let server: FakeAPIServer
    let method: String
    let query: [String: String]
    let headers: HTTPFields
    let body: ByteBuffer

    func handle(_ route: RequestRoute) throws(APIStatusError) -> Response {
        if query["dryRun"] != nil { throw .badRequest("dryRun is not supported by the fake API server") }
        switch route {
        case .version, .apiVersions, .apiGroupList, .resourceList:
            guard method == "GET" else { throw .methodNotAllowed(method) }
            return try discovery(route)
        case .resource(let resource, let namespace, nil, .main):
            switch method {
            case "GET":
                if query["watch"] == "true" || query["watch"] == "1" { return try watch(resource, namespace: namespace) }
                return FakeAPIResponder.jsonResponse(try list(resource, namespace: namespace))
            case "POST": return try create(resource, namespace: namespace)
            case "DELETE": return try deleteCollection(resource, namespace: namespace)
            default: throw .methodNotAllowed(method)
            }
        case .resource(let resource, let namespace, let name?, let subresource):
            let key = ObjectKey(namespace: namespace ?? "", name: name)
            switch method {
            case "GET": return try get(resource, key)
            case "PUT": return try update(resource, key, subresource: subresource)
            case "PATCH": return try patch(resource, key, subresource: subresource)
            case "DELETE" where subresource == .main: return try delete(resource, key)
            default: throw .methodNotAllowed(method)
            }
        case .resource(_, _, nil, .status):
            throw .unknownPath
        }
    }

    private var fieldManager: String {
        if let manager = query["fieldManager"], !manager.isEmpty { return manager }
        // kube-apiserver derives a default manager from the User-Agent's program name.
        if let agent = headers[.userAgent], let program = agent.split(separator: "/").first, !program.isEmpty {
            return String(program)
        }
        return "unknown"
    }

    // MARK: Verbs

    private func get(_ resource: FakeResource, _ key: ObjectKey) throws(APIStatusError) -> Response {
        let object = server.state.withLock { $0.cluster.stored(resource, key)?.object }
        guard let object else { throw .notFound(resource, name: key.name) }
        return FakeAPIResponder.jsonResponse(object)
    }

    private func create(_ resource: FakeResource, namespace: String?) throws(APIStatusError) -> Response {
        let object = try decodeBody()
        let created = try server.write { cluster throws(APIStatusError) in
            try cluster.create(resource, namespace: namespace, body: object, fieldManager: fieldManager)
        }
        return FakeAPIResponder.jsonResponse(created, status: 201)
    }

    private func update(_ resource: FakeResource, _ key: ObjectKey, subresource: Subresource) throws(APIStatusError)
        -> Response
    {
        let object = try decodeBody()
        let precondition: ClusterState.Precondition =
            server.requiresResourceVersionOnUpdate ? .resourceVersionRequired : .resourceVersionIfPresent
        let updated = try server.write { cluster throws(APIStatusError) in
            try cluster.update(
                resource, key, proposed: object, subresource: subresource, precondition: precondition,
                fieldManager: fieldManager)
        }
        return FakeAPIResponder.jsonResponse(updated)
    }

    private func patch(_ resource: FakeResource, _ key: ObjectKey, subresource: Subresource) throws(APIStatusError)
        -> Response
    {
        let type = try patchType(for: resource)
        let patchBody: JSONValue
        if case .apply = type {
            guard query["fieldManager"].map({ !$0.isEmpty }) == true else {
                throw .badRequest("PATCH requests with apply-patch+yaml content type must specify a fieldManager")
            }
            patchBody = try parseYAMLBody()
        } else {
            if query["force"] != nil { throw .badRequest("force may not be specified for non-apply patch") }
            patchBody = try parseJSONBody()
        }
        let result = try server.write { cluster throws(APIStatusError) in
            try cluster.patch(
                resource, key, type: type, body: patchBody, subresource: subresource, fieldManager: fieldManager)
        }
        return FakeAPIResponder.jsonResponse(result.object, status: result.created ? 201 : 200)
    }

    private func patchType(for resource: FakeResource) throws(APIStatusError) -> PatchType {
        var accepted = [PatchType.jsonPatchContentType, PatchType.mergeContentType, PatchType.applyContentType]
        if !resource.isCustomResource { accepted.insert(PatchType.strategicContentType, at: 2) }
        switch mediaType {
        case PatchType.jsonPatchContentType: return .json
        case PatchType.mergeContentType: return .merge
        case PatchType.strategicContentType where !resource.isCustomResource: return .strategicMerge
        case PatchType.applyContentType:
            switch query["force"] {
            case nil, "false": return .apply(force: false)
            case "true": return .apply(force: true)
            case let other?: throw .badRequest("invalid value for force: \(other)")
            }
        default: throw .unsupportedMediaType(mediaType, accepted: accepted)
        }
    }

    private func delete(_ resource: FakeResource, _ key: ObjectKey) throws(APIStatusError) -> Response {
        let options = try deleteOptions()
        let deleted = try server.write { cluster throws(APIStatusError) in
            try cluster.delete(resource, key, options: options)
        }
        // Like kube-apiserver: custom resources and objects still held by finalizers come
        // back as the object; built-in kinds deleted outright as a Success Status.
        if resource.isCustomResource || deleted.isBeingDeleted {
            return FakeAPIResponder.jsonResponse(deleted)
        }
        var details = APIStatusError.details(resource, name: key.name)
        details["uid"] = deleted.value(at: ["metadata", "uid"])
        let status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details,
        ]
        return FakeAPIResponder.jsonResponse(status)
    }

    private func deleteCollection(_ resource: FakeResource, namespace: String?) throws(APIStatusError) -> Response {
        let options = try deleteOptions()
        let selection = try ListSelection(query: query, namespace: namespace)
        let deleted = try server.write { cluster throws(APIStatusError) in
            var deleted: [JSONValue] = []
            for (key, stored) in cluster.objects(resource).sorted(by: { $0.key < $1.key })
            where selection.selects(stored.object, key: key) {
                deleted.append(try cluster.delete(resource, key, options: options))
            }
            return deleted
        }
        return FakeAPIResponder.jsonResponse(listBody(resource, items: deleted, version: server.currentResourceVersion))
    }

    func listBody(_ resource: FakeResource, items: [JSONValue], version: Int64) -> JSONValue {
        [
            "kind": .string(resource.kind + "List"), "apiVersion": .string(resource.apiVersion),
            "metadata": ["resourceVersion": .string(String(version))], "items": .array(items),
        ]
    }
}
