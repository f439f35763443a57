import PromQL

/// Prometheus's host, link and duration helpers (`stripPort`, `stripDomain`,
/// `graphLink`, `tableLink`, `parseDuration`).
extension TemplateFunctions {
    static let links: [String: Function] = [
        "stripPort": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "stripPort")
            let hostPort = try string(arguments[0])
            return .string(splitHostPort(hostPort)?.host ?? hostPort)
        },
        "stripDomain": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "stripDomain")
            let hostPort = try string(arguments[0])
            let split = splitHostPort(hostPort)
            let host = split?.host ?? hostPort
            if isIPAddress(host) { return .string(hostPort) }
            let short = String(host.split(separator: ".", omittingEmptySubsequences: false).first ?? "")
            guard let port = split?.port, !port.isEmpty else { return .string(short) }
            return .string(short.contains(":") ? "[\(short)]:\(port)" : "\(short):\(port)")
        },
        "graphLink": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "graphLink")
            return .string("/graph?g0.expr=" + escapeQuery(try string(arguments[0])) + "&g0.tab=0")
        },
        "tableLink": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "tableLink")
            return .string("/graph?g0.expr=" + escapeQuery(try string(arguments[0])) + "&g0.tab=1")
        },
        "parseDuration": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "parseDuration")
            let text = try string(arguments[0])
            do {
                return .float(Double(try PromDuration.parse(text)) / 1000)
            } catch {
                throw TemplateFunctionError("not a valid duration string: \(GoPrintf.quote(text))")
            }
        },
    ]

    /// Go's `net.SplitHostPort`: nil when `text` is not `host:port` / `[v6]:port`.
    static func splitHostPort(_ text: String) -> (host: String, port: String)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            return (String(text[text.index(after: text.startIndex)..<close]), String(rest.dropFirst()))
        }
        guard let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    private static func isIPAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }   // only IPv6 literals contain colons here
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isNumber) && (Int(part) ?? 256) <= 255
        }
    }
}
