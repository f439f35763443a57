import Foundation

extension MergedKubeconfig {
    /// Picks the context (`context` if given, else `current-context`) and turns its cluster
    /// and user into a ``ClientConfiguration``, reading every referenced file.
    func resolve(context override: String?) throws(ConfigurationError) -> ClientConfiguration {
        let contextName: String
        let contextNameFile: String?
        if let override, !override.isEmpty {
            (contextName, contextNameFile) = (override, primaryFile)
        } else if let current = currentContext {
            (contextName, contextNameFile) = (current.name, current.file)
        } else {
            throw ConfigurationError(
                file: primaryFile, field: "current-context", message: "not set and no context was given")
        }
        guard let context = contexts[contextName] else {
            throw ConfigurationError(
                file: contextNameFile, field: "contexts", message: "context \"\(contextName)\" not found")
        }
        let contextPath = "contexts[\(context.index)].context"

        guard let clusterName = context.value.cluster, !clusterName.isEmpty else {
            throw ConfigurationError(
                file: context.file, field: "\(contextPath).cluster",
                message: "no cluster set for context \"\(contextName)\"")
        }
        guard let cluster = clusters[clusterName] else {
            throw ConfigurationError(
                file: context.file, field: "\(contextPath).cluster",
                message: "cluster \"\(clusterName)\" not found")
        }
        var user: Located<Kubeconfig.User>?
        if let userName = context.value.user, !userName.isEmpty {
            guard let found = users[userName] else {
                throw ConfigurationError(
                    file: context.file, field: "\(contextPath).user", message: "user \"\(userName)\" not found")
            }
            user = found
        }

        let server = try serverURL(of: cluster, named: clusterName)
        var tls = try clusterTLS(cluster)
        var credentials = Credentials.none
        if let user {
            credentials = try userCredentials(user, named: context.value.user ?? "", into: &tls)
        }
        let namespace = context.value.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return ClientConfiguration(server: server, tls: tls, credentials: credentials, namespace: namespace)
    }

    private func serverURL(
        of cluster: Located<Kubeconfig.Cluster>, named name: String
    ) throws(ConfigurationError) -> URL {
        let field = "clusters[\(cluster.index)].cluster.server"
        guard let raw = cluster.value.server?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            throw ConfigurationError(file: cluster.file, field: field, message: "no server set for cluster \"\(name)\"")
        }
        // client-go accepts a bare `host:port` and assumes HTTPS.
        let text = raw.contains("://") ? raw : "https://\(raw)"
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = url.host, !host.isEmpty
        else {
            throw ConfigurationError(file: cluster.file, field: field, message: "not a valid http(s) URL: \(raw)")
        }
        return url
    }

    private func clusterTLS(_ cluster: Located<Kubeconfig.Cluster>) throws(ConfigurationError) -> TLSSettings {
        let prefix = "clusters[\(cluster.index)].cluster"
        let authority = try material(
            data: cluster.value.certificateAuthorityData, dataField: "\(prefix).certificate-authority-data",
            path: cluster.value.certificateAuthority, pathField: "\(prefix).certificate-authority",
            file: cluster.file)
        if let authority {
            try PEMMaterial.validateCertificates(authority.bytes, file: cluster.file, field: authority.field)
        }
        let serverName = cluster.value.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        return TLSSettings(
            certificateAuthorityPEM: authority?.bytes,
            insecureSkipVerify: cluster.value.insecureSkipTLSVerify ?? false,
            serverName: serverName)
    }

    private func userCredentials(
        _ user: Located<Kubeconfig.User>, named name: String, into tls: inout TLSSettings
    ) throws(ConfigurationError) -> Credentials {
        let prefix = "users[\(user.index)].user"
        let value = user.value
        if let plugin = value.credentialPlugin {
            throw ConfigurationError(
                file: user.file, field: "\(prefix).\(plugin)",
                message: "credential plugins are not supported (user \"\(name)\"); use a token or client certificate")
        }
        let certificate = try material(
            data: value.clientCertificateData, dataField: "\(prefix).client-certificate-data",
            path: value.clientCertificate, pathField: "\(prefix).client-certificate", file: user.file)
        let key = try material(
            data: value.clientKeyData, dataField: "\(prefix).client-key-data",
            path: value.clientKey, pathField: "\(prefix).client-key", file: user.file)
        switch (certificate, key) {
        case (let certificate?, let key?):
            try PEMMaterial.validateCertificates(certificate.bytes, file: user.file, field: certificate.field)
            try PEMMaterial.validatePrivateKey(key.bytes, file: user.file, field: key.field)
            tls.clientCertificatePEM = certificate.bytes
            tls.clientKeyPEM = key.bytes
        case (.some, nil):
            throw ConfigurationError(
                file: user.file, field: "\(prefix).client-key",
                message: "client-key or client-key-data must be set with a client certificate")
        case (nil, .some):
            throw ConfigurationError(
                file: user.file, field: "\(prefix).client-certificate",
                message: "client-certificate or client-certificate-data must be set with a client key")
        case (nil, nil):
            break
        }

        let hasToken = nonEmpty(value.token) != nil || nonEmpty(value.tokenFile) != nil
        let hasBasic = nonEmpty(value.username) != nil || nonEmpty(value.password) != nil
        if hasToken && hasBasic {
            throw ConfigurationError(
                file: user.file, field: prefix,
                message: "more than one authentication method (token and username/password) for user \"\(name)\"")
        }
        // client-go: the token file, when set, wins over an inline token.
        if let tokenFile = nonEmpty(value.tokenFile) {
            let path = resolve(tokenFile, relativeTo: user.file)
            do {
                _ = try TokenFile.read(path)
            } catch {
                throw ConfigurationError(
                    file: user.file, field: "\(prefix).tokenFile", message: "\(error.message): \(path)")
            }
            return .bearerTokenFile(TokenFile(path: path))
        }
        if let token = nonEmpty(value.token) {
            return .bearerToken(token)
        }
        if hasBasic {
            return .basic(username: value.username ?? "", password: value.password ?? "")
        }
        return .none
    }

    /// PEM bytes from a `-data` field (base64, preferred as in client-go) or a file path.
    private func material(
        data: String?, dataField: String, path: String?, pathField: String, file: String
    ) throws(ConfigurationError) -> (bytes: [UInt8], field: String)? {
        if let data = nonEmpty(data) {
            let compact = data.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact) else {
                throw ConfigurationError(file: file, field: dataField, message: "not valid base64")
            }
            return (Array(decoded), dataField)
        }
        if let path = nonEmpty(path) {
            let resolved = resolve(path, relativeTo: file)
            guard let contents = FileManager.default.contents(atPath: resolved) else {
                throw ConfigurationError(file: file, field: pathField, message: "cannot read \(resolved)")
            }
            return (Array(contents), pathField)
        }
        return nil
    }

    /// Resolves `path` against the directory of the kubeconfig file that named it.
    private func resolve(_ path: String, relativeTo kubeconfigFile: String) -> String {
        if path.hasPrefix("/") { return path }
        let directory = URL(fileURLWithPath: kubeconfigFile).deletingLastPathComponent()
        return directory.appendingPathComponent(path).standardizedFileURL.path
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
