import Hummingbird

extension RequestHandler {
    /// Minimal discovery: `/version`, `/api`, `/apis` and per-group-version resource lists.
    func discovery(_ route: RequestRoute) throws(APIStatusError) -> Response {
        let resources = server.state.withLock { Array($0.cluster.resources.values) }
            .sorted { ($0.group, $0.plural) < ($1.group, $1.plural) }
        switch route {
        case .version:
            return FakeAPIResponder.jsonResponse([
                "major": "1", "minor": "31", "gitVersion": "v1.31.0-fake", "platform": "linux/amd64",
            ])
        case .apiVersions:
            return FakeAPIResponder.jsonResponse(["kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []])
        case .apiGroupList:
            var versionsByGroup: [String: [String]] = [:]
            for resource in resources where !resource.group.isEmpty {
                versionsByGroup[resource.group, default: []].append(resource.version)
            }
            let groups: [JSONValue] = versionsByGroup.keys.sorted().map { group in
                let versions = Array(Set(versionsByGroup[group] ?? [])).sorted()
                let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(group)/\($0)"), "version": .string($0)] }
                return ["name": .string(group), "versions": .array(entries), "preferredVersion": entries.first ?? .null]
            }
            return FakeAPIResponder.jsonResponse(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)])
        case .resourceList(let group, let version):
            let served = resources.filter { $0.group == group && $0.version == version }
            guard !served.isEmpty else { throw .unknownPath }
            var entries: [JSONValue] = []
            for resource in served {
                let verbs: JSONValue = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
                entries.append([
                    "name": .string(resource.plural), "singularName": .string(resource.kind.lowercased()),
                    "namespaced": .bool(resource.namespaced), "kind": .string(resource.kind), "verbs": verbs,
                ])
                if resource.hasStatusSubresource {
                    entries.append([
                        "name": .string(resource.plural + "/status"), "singularName": "",
                        "namespaced": .bool(resource.namespaced), "kind": .string(resource.kind),
                        "verbs": ["get", "patch", "update"],
                    ])
                }
            }
            let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
            return FakeAPIResponder.jsonResponse([
                "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
                "resources": .array(entries),
            ])
        case .resource:
            throw .unknownPath
        }
    }
}
