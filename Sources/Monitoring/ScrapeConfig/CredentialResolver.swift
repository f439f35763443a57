import Foundation

/// Turns the Secret/ConfigMap references of one monitor into config values: credentials
/// are inlined, TLS material becomes the file path prometheus-operator mounts it at.
struct CredentialResolver {
    let namespace: String
    let secrets: SecretLookup

    /// Where prometheus-operator mounts TLS material copied from Secrets and ConfigMaps.
    static let certificateDirectory = "/etc/prometheus/certs/"

    /// The inlined value; validation has already rejected monitors whose references are
    /// missing, so the empty fallback is never written for an accepted monitor.
    func secret(_ selector: SecretKeySelector) -> String {
        secrets.value(for: .init(.secret, namespace: namespace, name: selector.name, key: selector.key)) ?? ""
    }

    func basicAuth(_ auth: BasicAuth) -> BasicAuthOutput {
        BasicAuthOutput(username: auth.username.map(secret) ?? "", password: auth.password.map(secret) ?? "")
    }

    func authorization(_ auth: SafeAuthorization) -> AuthorizationOutput {
        let type = auth.type?.trimmingCharacters(in: .whitespaces) ?? ""
        return AuthorizationOutput(type: type.isEmpty ? "Bearer" : type, credentials: auth.credentials.map(secret),
                                   credentialsFile: nil)
    }

    func oauth2(_ oauth: OAuth2) -> OAuth2Output {
        var clientID = ""
        if let selector = oauth.clientId?.secret {
            clientID = secret(selector)
        } else if let selector = oauth.clientId?.configMap {
            clientID = secrets.value(for: .init(.configMap, namespace: namespace, name: selector.name, key: selector.key)) ?? ""
        }
        return OAuth2Output(clientID: clientID, clientSecret: oauth.clientSecret.map(secret) ?? "",
                            tokenURL: oauth.tokenUrl ?? "", scopes: oauth.scopes, endpointParams: oauth.endpointParams)
    }

    /// - Parameter field: where `tls` sits in the monitor (`spec.endpoints[0].tlsConfig`),
    ///   for the sources the embedded engine reports problems against.
    func tls(_ tls: TLSConfigSpec, version: PrometheusVersion, field: String) -> TLSConfigOutput {
        var output = TLSConfigOutput(
            insecureSkipVerify: tls.insecureSkipVerify,
            mountedCAFile: tls.ca.flatMap(mountedPath),
            mountedCertFile: tls.cert.flatMap(mountedPath),
            mountedKeyFile: tls.keySecret.map { mountedPath(source: "0", name: $0.name, key: $0.key) },
            serverName: nonEmpty(tls.serverName),
            minVersion: version >= PrometheusVersion(2, 35) ? nonEmpty(tls.minVersion) : nil,
            maxVersion: version >= PrometheusVersion(2, 41) ? nonEmpty(tls.maxVersion) : nil,
            caFile: nonEmpty(tls.caFile),
            certFile: nonEmpty(tls.certFile),
            keyFile: nonEmpty(tls.keyFile))
        for (part, name, reference) in [(TLSMaterialSource.Part.ca, "ca", tls.ca), (.certificate, "cert", tls.cert)] {
            if let secret = reference?.secret {
                output.sources.append(TLSMaterialSource(
                    part: part, reference: .init(.secret, namespace: namespace, name: secret.name, key: secret.key),
                    field: "\(field).\(name).secret"))
            } else if let map = reference?.configMap {
                output.sources.append(TLSMaterialSource(
                    part: part, reference: .init(.configMap, namespace: namespace, name: map.name, key: map.key),
                    field: "\(field).\(name).configMap"))
            }
        }
        if let key = tls.keySecret {
            output.sources.append(TLSMaterialSource(
                part: .privateKey, reference: .init(.secret, namespace: namespace, name: key.name, key: key.key),
                field: "\(field).keySecret"))
        }
        return output
    }

    private func mountedPath(_ reference: SecretOrConfigMap) -> String? {
        if let secret = reference.secret { return mountedPath(source: "0", name: secret.name, key: secret.key) }
        if let map = reference.configMap { return mountedPath(source: "1", name: map.name, key: map.key) }
        return nil
    }

    /// `<src>_<namespace>_<objectName>_<key>` with `<src>` 0 for a Secret, 1 for a ConfigMap.
    private func mountedPath(source: String, name: String, key: String) -> String {
        Self.certificateDirectory + "\(source)_\(namespace)_\(name)_\(key)"
    }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
