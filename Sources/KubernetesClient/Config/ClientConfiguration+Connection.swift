import Foundation

extension ClientConfiguration {
    /// The base URL to send requests to. Equal to `server`, except when `tls.serverName` is
    /// set: then the host is replaced by that name, so the TLS layer asks for and verifies
    /// a certificate for it, and ``dnsOverride`` sends the connection to the real host.
    ///
    /// This is how kubeconfig's `tls-server-name` works for a cluster addressed by IP whose
    /// certificate names a DNS name.
    public var requestBaseURL: URL {
        guard let name = tls.serverName, let host = server.host, name != host,
            var components = URLComponents(url: server, resolvingAgainstBaseURL: false)
        else { return server }
        components.host = name
        return components.url ?? server
    }

    /// Host mapping for `HTTPClient.Configuration.dnsOverride`: connect to the server's real
    /// host when requests go to ``requestBaseURL``. Empty when no server name is set.
    public var dnsOverride: [String: String] {
        guard let name = tls.serverName, let host = server.host, name != host else { return [:] }
        // URL.host keeps the brackets of an IPv6 literal; a socket address wants none.
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return [name: bare]
    }
}
