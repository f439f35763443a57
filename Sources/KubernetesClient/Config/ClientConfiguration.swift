import Foundation

/// Everything the client needs to reach one API server: where it is, how to trust it, and
/// how to authenticate. Built from a kubeconfig (`Kubeconfig.load`) or from the pod's
/// service account (`InClusterConfiguration.load`), or by hand in tests.
public struct ClientConfiguration: Sendable {
    /// The API server's base URL, e.g. `https://10.96.0.1:443`. No trailing slash needed.
    public var server: URL
    /// How the server's certificate is checked and which client certificate is shown.
    public var tls: TLSSettings
    /// How requests authenticate.
    public var credentials: Credentials
    /// The namespace a command acts on when none is given (kubeconfig context namespace or
    /// the pod's namespace file; `default` otherwise).
    public var namespace: String
    /// Seen in the API server's audit log and by admission webhooks.
    public var userAgent: String

    public init(
        server: URL,
        tls: TLSSettings = TLSSettings(),
        credentials: Credentials = .none,
        namespace: String = "default",
        userAgent: String = "vigil"
    ) {
        self.server = server
        self.tls = tls
        self.credentials = credentials
        self.namespace = namespace
        self.userAgent = userAgent
    }
}

/// TLS material in PEM form, already read from files or decoded from `-data` fields.
public struct TLSSettings: Sendable, Equatable {
    /// PEM bundle of certificate authorities to trust; `nil` means the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// Client certificate chain (PEM) presented for mutual TLS.
    public var clientCertificatePEM: [UInt8]?
    /// Private key (PEM) for `clientCertificatePEM`.
    public var clientKeyPEM: [UInt8]?
    /// Skip verification of the server's certificate (kubeconfig `insecure-skip-tls-verify`).
    public var insecureSkipVerify: Bool
    /// Name to verify the server certificate against instead of the URL's host
    /// (kubeconfig `tls-server-name`).
    public var serverName: String?

    public init(
        certificateAuthorityPEM: [UInt8]? = nil,
        clientCertificatePEM: [UInt8]? = nil,
        clientKeyPEM: [UInt8]? = nil,
        insecureSkipVerify: Bool = false,
        serverName: String? = nil
    ) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
    }
}

/// How the client authenticates a request.
public enum Credentials: Sendable {
    /// No `Authorization` header (client certificates may still authenticate).
    case none
    /// A fixed bearer token.
    case bearerToken(String)
    /// A bearer token read from a file and re-read when it changes, as projected
    /// service-account tokens rotate (about hourly) while the pod runs.
    case bearerTokenFile(TokenFile)
    /// HTTP basic authentication (old clusters; kubeconfig `username`/`password`).
    case basic(username: String, password: String)
}
