/// Where a redirect leads: the `Location` header resolved against the URL that answered,
/// as Go's `url.ResolveReference` does for the forms servers send (absolute URL,
/// scheme-relative `//host/path`, absolute path, query only, relative path with `.`
/// and `..` segments).
enum RedirectLocation {
    /// Statuses Go's HTTP client follows.
    static let statuses: Set<UInt> = [301, 302, 303, 307, 308]
    /// Go's default limit: the eleventh redirect fails the request.
    static let maximumRedirects = 10

    /// The absolute URL `location` points to from `base` (an absolute http(s) URL).
    static func resolve(_ location: String, against base: String) -> String {
        let lowered = location.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return location }
        let (scheme, authority, path) = split(base)
        if location.hasPrefix("//") { return "\(scheme):\(location)" }
        let origin = "\(scheme)://\(authority)"
        if location.hasPrefix("/") { return origin + removingDotSegments(location) }
        let basePath = String(path.prefix { $0 != "?" && $0 != "#" })
        if location.isEmpty { return origin + basePath }
        if location.hasPrefix("?") { return origin + basePath + location }
        let directory = basePath.lastIndex(of: "/").map { String(basePath[...$0]) } ?? "/"
        return origin + removingDotSegments(directory + location)
    }

    /// `scheme`, `host[:port]` and the rest (path and query) of an absolute URL.
    private static func split(_ url: String) -> (scheme: String, authority: String, path: String) {
        guard let schemeEnd = url.range(of: "://") else { return ("http", "", url) }
        let scheme = String(url[..<schemeEnd.lowerBound])
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        let path = String(rest[authorityEnd...])
        return (scheme, String(rest[..<authorityEnd]), path.isEmpty ? "/" : path)
    }

    /// RFC 3986 section 5.2.4 on the path part; the query is kept as it is.
    private static func removingDotSegments(_ pathAndQuery: String) -> String {
        let queryStart = pathAndQuery.firstIndex { $0 == "?" || $0 == "#" } ?? pathAndQuery.endIndex
        let path = pathAndQuery[..<queryStart]
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/") + pathAndQuery[queryStart...]
    }
}
