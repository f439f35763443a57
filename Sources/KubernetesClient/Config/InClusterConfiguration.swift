import Foundation

/// Configuration from inside a pod: the API server from the `KUBERNETES_SERVICE_HOST` and
/// `KUBERNETES_SERVICE_PORT` variables the kubelet sets, and the service account's
/// `ca.crt`, `token` and `namespace` files.
public enum InClusterConfiguration {
    /// Where the kubelet mounts the pod's service account.
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// True when the service variables are set, i.e. this process probably runs in a pod.
    public static func isAvailable(environment: [String: String]) -> Bool {
        !(environment["KUBERNETES_SERVICE_HOST"] ?? "").isEmpty
            && !(environment["KUBERNETES_SERVICE_PORT"] ?? "").isEmpty
    }

    /// Builds the configuration for the pod's own service account.
    ///
    /// The token is read now (so a missing one fails at start) and then again whenever
    /// `tokenRefreshInterval` has passed, because projected tokens rotate while the pod runs.
    /// The namespace is `POD_NAMESPACE` if set, else the `namespace` file, else `default`.
    ///
    /// - Throws: a ``ConfigurationError`` saying the process is not in a cluster when the
    ///   variables are missing, or naming the service-account file that cannot be used.
    public static func load(
        environment: [String: String],
        serviceAccountDirectory: String = defaultServiceAccountDirectory,
        tokenRefreshInterval: Duration = .seconds(60),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) throws(ConfigurationError) -> ClientConfiguration {
        let server = try serverURL(environment: environment)
        let directory = URL(fileURLWithPath: serviceAccountDirectory)

        let caPath = directory.appendingPathComponent("ca.crt").path
        guard let authority = FileManager.default.contents(atPath: caPath) else {
            throw ConfigurationError(
                file: caPath, field: nil, message: "cannot read the service account CA certificate")
        }
        try PEMMaterial.validateCertificates(Array(authority), file: caPath, field: "ca.crt")

        let tokenFile = TokenFile(
            path: directory.appendingPathComponent("token").path, refreshInterval: tokenRefreshInterval, now: now)
        _ = try tokenFile.token()

        return ClientConfiguration(
            server: server,
            tls: TLSSettings(certificateAuthorityPEM: Array(authority)),
            credentials: .bearerTokenFile(tokenFile),
            namespace: namespace(environment: environment, directory: directory))
    }

    static func serverURL(environment: [String: String]) throws(ConfigurationError) -> URL {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw ConfigurationError(
                file: nil, field: nil,
                message: "not running in a Kubernetes cluster: KUBERNETES_SERVICE_HOST and "
                    + "KUBERNETES_SERVICE_PORT must be set (use --kubeconfig outside a cluster)")
        }
        guard let portNumber = UInt16(port), portNumber > 0 else {
            throw ConfigurationError(file: nil, field: "KUBERNETES_SERVICE_PORT", message: "not a port number: \(port)")
        }
        // An IPv6 address needs brackets in a URL.
        let authority = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let url = URL(string: "https://\(authority):\(portNumber)"), url.host != nil else {
            throw ConfigurationError(file: nil, field: "KUBERNETES_SERVICE_HOST", message: "not a valid host: \(host)")
        }
        return url
    }

    private static func namespace(environment: [String: String], directory: URL) -> String {
        if let fromEnvironment = environment["POD_NAMESPACE"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let path = directory.appendingPathComponent("namespace").path
        if let data = FileManager.default.contents(atPath: path) {
            let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !name.isEmpty { return name }
        }
        return "default"
    }
}
