/// One `spec.endpoints[]` item of a ServiceMonitor: how to scrape the matching Services.
/// Each becomes one scrape job (`prometheus-operator-compat.md` 1.3).
public struct ServiceMonitorEndpoint: Codable, Sendable, Equatable {
    /// Name of a Service port (`spec.ports[].name`). Wins over `targetPort`.
    public var port: String?
    /// A Pod container port, by number or name; used only when `port` is empty.
    public var targetPort: IntOrString?
    public var path: String?
    public var scheme: String?
    public var params: [String: [String]]?
    public var interval: String?
    public var scrapeTimeout: String?
    public var honorLabels: Bool?
    public var honorTimestamps: Bool?
    public var trackTimestampsStaleness: Bool?
    public var relabelings: [RelabelConfigSpec]?
    public var metricRelabelings: [RelabelConfigSpec]?
    /// Unset means true: drop targets whose Pod has finished.
    public var filterRunning: Bool?
    public var bearerTokenFile: String?
    public var bearerTokenSecret: SecretKeySelector?
    public var authorization: SafeAuthorization?
    public var basicAuth: BasicAuth?
    public var oauth2: OAuth2?
    public var tlsConfig: TLSConfigSpec?
    public var followRedirects: Bool?
    public var enableHttp2: Bool?
    public var proxyUrl: String?
    public var noProxy: String?
    public var proxyFromEnvironment: Bool?
    public var proxyConnectHeader: [String: [SecretKeySelector]]?

    public init(port: String? = nil, targetPort: IntOrString? = nil) {
        (self.port, self.targetPort) = (port, targetPort)
    }

    /// `port` when non-empty.
    var portName: String? { port.flatMap { $0.isEmpty ? nil : $0 } }
}

/// A relabeling rule as the ServiceMonitor CRD spells it (camelCase fields).
///
/// `separator` and `replacement` distinguish "absent" (nil) from "set to empty".
public struct RelabelConfigSpec: Codable, Sendable, Equatable {
    public var sourceLabels: [String]?
    public var separator: String?
    public var targetLabel: String?
    public var regex: String?
    public var modulus: UInt64?
    public var replacement: String?
    /// Any case of `replace, keep, drop, hashmod, labelmap, labeldrop, labelkeep,
    /// lowercase, uppercase, keepequal, dropequal`; the CRD defaults it to `replace`.
    public var action: String?

    public init(sourceLabels: [String]? = nil, separator: String? = nil, targetLabel: String? = nil,
                regex: String? = nil, modulus: UInt64? = nil, replacement: String? = nil, action: String? = nil) {
        (self.sourceLabels, self.separator, self.targetLabel, self.regex) = (sourceLabels, separator, targetLabel, regex)
        (self.modulus, self.replacement, self.action) = (modulus, replacement, action)
    }

    /// The lower-cased action, `replace` when unset (as the API server stores it).
    var effectiveAction: String { (action ?? "replace").lowercased() }
}

/// A reference to one key of a Secret in the monitor's namespace.
public struct SecretKeySelector: Codable, Sendable, Equatable {
    public var name: String
    public var key: String
    public var optional: Bool?

    public init(name: String, key: String) { (self.name, self.key, self.optional) = (name, key, nil) }
}

/// A reference to one key of a ConfigMap in the monitor's namespace.
public struct ConfigMapKeySelector: Codable, Sendable, Equatable {
    public var name: String
    public var key: String
    public var optional: Bool?
}

/// A key of either a Secret or a ConfigMap (exactly one should be set).
public struct SecretOrConfigMap: Codable, Sendable, Equatable {
    public var secret: SecretKeySelector?
    public var configMap: ConfigMapKeySelector?
}

/// `basicAuth`: username and password from Secrets.
public struct BasicAuth: Codable, Sendable, Equatable {
    public var username: SecretKeySelector?
    public var password: SecretKeySelector?
}

/// `authorization`: a credentials header whose value comes from a Secret.
public struct SafeAuthorization: Codable, Sendable, Equatable {
    public var type: String?
    public var credentials: SecretKeySelector?
}

/// `oauth2` (modelled so it decodes and can be validated; see the generator for support).
public struct OAuth2: Codable, Sendable, Equatable {
    public var clientId: SecretOrConfigMap?
    public var clientSecret: SecretKeySelector?
    public var tokenUrl: String?
    public var scopes: [String]?
    public var endpointParams: [String: String]?
}

/// `tlsConfig` of an endpoint (`prometheus-operator-compat.md` 1.4).
public struct TLSConfigSpec: Codable, Sendable, Equatable {
    public var ca: SecretOrConfigMap?
    public var cert: SecretOrConfigMap?
    public var keySecret: SecretKeySelector?
    public var serverName: String?
    public var insecureSkipVerify: Bool?
    public var minVersion: String?
    public var maxVersion: String?
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?

    public init(caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil) {
        (self.caFile, self.certFile, self.keyFile) = (caFile, certFile, keyFile)
    }
}
