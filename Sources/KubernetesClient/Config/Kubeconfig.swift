import Foundation

/// One kubeconfig file as written on disk (`apiVersion: v1`, `kind: Config`): named
/// clusters, users and contexts, and the context to use by default.
///
/// Only the fields Vigil acts on are modelled; anything else (`preferences`, `extensions`,
/// `proxy-url`, …) is ignored. Users with credential plugins (`exec`, `auth-provider`) decode
/// fine and fail only if a context that selects them is used.
///
/// Load a ready-to-use configuration with ``load(explicitPath:environment:context:)``.
public struct Kubeconfig: Sendable, Equatable, Decodable {
    /// API servers by name (`clusters[].name`).
    public var clusters: [NamedCluster]
    /// Credentials by name (`users[].name`).
    public var users: [NamedUser]
    /// (cluster, user, namespace) triples by name (`contexts[].name`).
    public var contexts: [NamedContext]
    /// The context used when no `--context` is given.
    public var currentContext: String?

    public init(
        clusters: [NamedCluster] = [],
        users: [NamedUser] = [],
        contexts: [NamedContext] = [],
        currentContext: String? = nil
    ) {
        self.clusters = clusters
        self.users = users
        self.contexts = contexts
        self.currentContext = currentContext
    }

    enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // kubectl writes `clusters: null` for an empty list; treat null and absent alike.
        clusters = try container.decodeIfPresent([NamedCluster].self, forKey: .clusters) ?? []
        users = try container.decodeIfPresent([NamedUser].self, forKey: .users) ?? []
        contexts = try container.decodeIfPresent([NamedContext].self, forKey: .contexts) ?? []
        currentContext = try container.decodeIfPresent(String.self, forKey: .currentContext)
            .flatMap { $0.isEmpty ? nil : $0 }
    }
}

extension Kubeconfig {
    /// An entry of `clusters:`.
    public struct NamedCluster: Sendable, Equatable, Decodable {
        public var name: String
        public var cluster: Cluster

        public init(name: String, cluster: Cluster) {
            self.name = name
            self.cluster = cluster
        }
    }

    /// Where an API server is and how to trust it.
    public struct Cluster: Sendable, Equatable, Decodable {
        /// `server`: the API server URL; a bare `host:port` means HTTPS.
        public var server: String?
        /// `certificate-authority`: path of a PEM CA bundle, relative to the kubeconfig file.
        public var certificateAuthority: String?
        /// `certificate-authority-data`: base64 of a PEM CA bundle; wins over the path.
        public var certificateAuthorityData: String?
        /// `insecure-skip-tls-verify`: do not verify the server certificate.
        public var insecureSkipTLSVerify: Bool?
        /// `tls-server-name`: the name to verify the server certificate against.
        public var tlsServerName: String?

        public init(
            server: String? = nil,
            certificateAuthority: String? = nil,
            certificateAuthorityData: String? = nil,
            insecureSkipTLSVerify: Bool? = nil,
            tlsServerName: String? = nil
        ) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
        }

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
        }
    }

    /// An entry of `users:`.
    public struct NamedUser: Sendable, Equatable, Decodable {
        public var name: String
        public var user: User

        public init(name: String, user: User) {
            self.name = name
            self.user = user
        }
    }

    /// How to authenticate as one user.
    public struct User: Sendable, Equatable, Decodable {
        /// `client-certificate`: path of the PEM client certificate chain.
        public var clientCertificate: String?
        /// `client-certificate-data`: base64 PEM client certificate chain; wins over the path.
        public var clientCertificateData: String?
        /// `client-key`: path of the PEM private key.
        public var clientKey: String?
        /// `client-key-data`: base64 PEM private key; wins over the path.
        public var clientKeyData: String?
        /// `token`: a bearer token.
        public var token: String?
        /// `tokenFile`: path of a file holding a bearer token; re-read as it changes, and
        /// preferred over `token` (as in client-go).
        public var tokenFile: String?
        /// `username` for HTTP basic authentication.
        public var username: String?
        /// `password` for HTTP basic authentication.
        public var password: String?
        /// The key of a credential plugin stanza (`exec` or `auth-provider`) if the user has
        /// one. Plugins are not supported; selecting such a user is an error.
        public var credentialPlugin: String?

        public init(
            clientCertificate: String? = nil,
            clientCertificateData: String? = nil,
            clientKey: String? = nil,
            clientKeyData: String? = nil,
            token: String? = nil,
            tokenFile: String? = nil,
            username: String? = nil,
            password: String? = nil,
            credentialPlugin: String? = nil
        ) {
            self.clientCertificate = clientCertificate
            self.clientCertificateData = clientCertificateData
            self.clientKey = clientKey
            self.clientKeyData = clientKeyData
            self.token = token
            self.tokenFile = tokenFile
            self.username = username
            self.password = password
            self.credentialPlugin = credentialPlugin
        }

        enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token, tokenFile, username, password
            case exec
            case authProvider = "auth-provider"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            clientCertificate = try container.decodeIfPresent(String.self, forKey: .clientCertificate)
            clientCertificateData = try container.decodeIfPresent(String.self, forKey: .clientCertificateData)
            clientKey = try container.decodeIfPresent(String.self, forKey: .clientKey)
            clientKeyData = try container.decodeIfPresent(String.self, forKey: .clientKeyData)
            token = try container.decodeIfPresent(String.self, forKey: .token)
            tokenFile = try container.decodeIfPresent(String.self, forKey: .tokenFile)
            username = try container.decodeIfPresent(String.self, forKey: .username)
            password = try container.decodeIfPresent(String.self, forKey: .password)
            // The plugin stanzas are only detected, never decoded: their shape does not matter
            // when the answer is "not supported".
            if try container.contains(.exec) && !container.decodeNil(forKey: .exec) {
                credentialPlugin = CodingKeys.exec.rawValue
            } else if try container.contains(.authProvider) && !container.decodeNil(forKey: .authProvider) {
                credentialPlugin = CodingKeys.authProvider.rawValue
            } else {
                credentialPlugin = nil
            }
        }
    }

    /// An entry of `contexts:`.
    public struct NamedContext: Sendable, Equatable, Decodable {
        public var name: String
        public var context: Context

        public init(name: String, context: Context) {
            self.name = name
            self.context = context
        }
    }

    /// A (cluster, user, namespace) triple chosen by name.
    public struct Context: Sendable, Equatable, Decodable {
        /// Name of an entry of `clusters`; required.
        public var cluster: String?
        /// Name of an entry of `users`; none means anonymous.
        public var user: String?
        /// Default namespace; `default` when unset.
        public var namespace: String?

        public init(cluster: String? = nil, user: String? = nil, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }
}
