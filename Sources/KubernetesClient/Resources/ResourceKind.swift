/// Where a kind of object lives in the API: its group, version, plural resource name and
/// scope. Built-in kinds define one as `static let resource`; custom resources are
/// described at run time, e.g. `ResourceKind(group: "monitoring.coreos.com", version: "v1",
/// plural: "servicemonitors", kind: "ServiceMonitor")`.
public struct ResourceKind: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core group (`/api/v1`).
    public var group: String
    public var version: String
    /// Lower-case plural used in URLs, e.g. `endpointslices`.
    public var plural: String
    /// The object's `kind`, e.g. `EndpointSlice`.
    public var kind: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool

    public init(group: String, version: String, plural: String, kind: String, namespaced: Bool = true) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `v1` for the core group, otherwise `group/version`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `services`, or `endpointslices.discovery.k8s.io` for grouped kinds (kubectl's spelling).
    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// The URL path of the collection, or of one object when `name` is given.
    /// `namespace == nil` on a namespaced kind addresses all namespaces (list/watch only).
    public func path(namespace: String?, name: String? = nil, subresource: String? = nil) -> String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { path += "/namespaces/\(Self.escape(namespace))" }
        path += "/\(plural)"
        if let name { path += "/\(Self.escape(name))" }
        if let subresource { path += "/\(subresource)" }
        return path
    }

    private static func escape(_ segment: String) -> String {
        // Names are DNS labels or subdomains; escaping guards against a bad name reaching
        // another path than intended.
        segment.addingPercentEncodingForPath()
    }
}

extension String {
    /// Percent-encodes everything but RFC 3986 unreserved characters and `extra`
    /// (a path segment may keep `:` and `@`; a query value keeps nothing more).
    func percentEncoded(keeping extra: Set<UInt8> = []) -> String {
        var result = ""
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where extra.contains(byte):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    func addingPercentEncodingForPath() -> String {
        percentEncoded(keeping: [UInt8(ascii: ":"), UInt8(ascii: "@")])
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
