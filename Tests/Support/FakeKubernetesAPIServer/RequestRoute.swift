import Foundation

/// A request path resolved against the served kinds.
enum RequestRoute: Sendable, Equatable {
    case version
    case apiVersions
    case apiGroupList
    case resourceList(group: String, version: String)
    /// A collection (`name == nil`) or an object, maybe its `/status`.
    case resource(FakeResource, namespace: String?, name: String?, subresource: Subresource)

    /// Resolves a path; nil for anything the server does not serve.
    static func resolve(_ path: String, in cluster: ClusterState) -> RequestRoute? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch segments.first {
        case "version" where segments.count == 1: return .version
        case "api":
            if segments.count == 1 { return .apiVersions }
            guard segments[1] == "v1" else { return nil }
            if segments.count == 2 { return .resourceList(group: "", version: "v1") }
            return resolveResource(group: "", version: "v1", Array(segments.dropFirst(2)), cluster)
        case "apis":
            if segments.count == 1 { return .apiGroupList }
            guard segments.count >= 3 else { return nil }
            if segments.count == 3 { return .resourceList(group: segments[1], version: segments[2]) }
            return resolveResource(group: segments[1], version: segments[2], Array(segments.dropFirst(3)), cluster)
        default:
            return nil
        }
    }

    private static func resolveResource(group: String, version: String, _ rest: [String], _ cluster: ClusterState)
        -> RequestRoute?
    {
        // `namespaces/{ns}/{plural}...` unless it is `namespaces/{name}/status` or
        // `namespaces/{name}` (the Namespace object itself).
        if rest.first == "namespaces", rest.count >= 3, rest[2] != "status" || rest.count > 3 {
            guard let resource = cluster.resource(group: group, version: version, plural: rest[2]), resource.namespaced
            else { return nil }
            return route(resource, namespace: rest[1], Array(rest.dropFirst(3)))
        }
        guard let plural = rest.first, let resource = cluster.resource(group: group, version: version, plural: plural)
        else { return nil }
        let remainder = Array(rest.dropFirst())
        // Namespaced kinds are listed across namespaces at `/{plural}` but never
        // addressed by name without a namespace.
        if resource.namespaced, !remainder.isEmpty { return nil }
        return route(resource, namespace: nil, remainder)
    }

    private static func route(_ resource: FakeResource, namespace: String?, _ rest: [String]) -> RequestRoute? {
        switch rest.count {
        case 0: return .resource(resource, namespace: namespace, name: nil, subresource: .main)
        case 1: return .resource(resource, namespace: namespace, name: rest[0], subresource: .main)
        case 2 where rest[1] == "status" && resource.hasStatusSubresource:
            return .resource(resource, namespace: namespace, name: rest[0], subresource: .status)
        default: return nil
        }
    }
}

/// Decodes `a=b&c=d` with percent-escapes and `+` for space.
enum QueryString {
    static func parse(_ query: String?) -> [String: String] {
        guard let query, !query.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            result[key] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return result
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
