/// One Prometheus `scrape_configs` entry. Properties are declared in the order
/// prometheus-operator writes the keys (`prometheus-operator-compat.md` 3.3); `nil`
/// properties are left out.
public struct ScrapeJob: Encodable, Sendable, Equatable {
    public var jobName: String
    public var honorLabels: Bool
    public var honorTimestamps: Bool?
    public var trackTimestampsStaleness: Bool?
    public var kubernetesSDConfigs: [KubernetesSDConfig]
    public var scrapeInterval: String?
    public var scrapeTimeout: String?
    public var metricsPath: String?
    public var params: [String: [String]]?
    public var scheme: String?
    public var followRedirects: Bool?
    public var enableHTTP2: Bool?
    public var proxyURL: String?
    public var noProxy: String?
    public var proxyFromEnvironment: Bool?
    public var proxyConnectHeader: [String: [String]]?
    public var oauth2: OAuth2Output?
    public var tlsConfig: TLSConfigOutput?
    public var bearerTokenFile: String?
    public var bearerToken: String?
    public var basicAuth: BasicAuthOutput?
    public var authorization: AuthorizationOutput?
    public var relabelConfigs: [RelabelRule]
    public var sampleLimit: UInt64?
    public var targetLimit: UInt64?
    public var labelLimit: UInt64?
    public var labelNameLengthLimit: UInt64?
    public var labelValueLengthLimit: UInt64?
    public var keepDroppedTargets: UInt64?
    public var scrapeNativeHistograms: Bool?
    public var nativeHistogramBucketLimit: UInt64?
    public var nativeHistogramMinBucketFactor: Double?
    /// Written as `always_scrape_classic_histograms` for Prometheus 3, else `scrape_classic_histograms`.
    public var scrapeClassicHistograms: Bool?
    public var classicHistogramsKeyIsV3 = true
    public var convertClassicHistogramsToNHCB: Bool?
    public var scrapeProtocols: [String]?
    public var fallbackScrapeProtocol: String?
    public var bodySizeLimit: String?
    public var metricRelabelConfigs: [RelabelRule]?

    init(jobName: String, honorLabels: Bool, kubernetesSDConfig: KubernetesSDConfig) {
        self.jobName = jobName
        self.honorLabels = honorLabels
        self.kubernetesSDConfigs = [kubernetesSDConfig]
        self.relabelConfigs = []
    }

    enum CodingKeys: String, CodingKey {
        case jobName = "job_name", honorLabels = "honor_labels", honorTimestamps = "honor_timestamps"
        case trackTimestampsStaleness = "track_timestamps_staleness"
        case kubernetesSDConfigs = "kubernetes_sd_configs"
        case scrapeInterval = "scrape_interval", scrapeTimeout = "scrape_timeout", metricsPath = "metrics_path"
        case params, scheme, followRedirects = "follow_redirects", enableHTTP2 = "enable_http2"
        case proxyURL = "proxy_url", noProxy = "no_proxy", proxyFromEnvironment = "proxy_from_environment"
        case proxyConnectHeader = "proxy_connect_header", oauth2, tlsConfig = "tls_config"
        case bearerTokenFile = "bearer_token_file", bearerToken = "bearer_token", basicAuth = "basic_auth"
        case authorization, relabelConfigs = "relabel_configs"
        case sampleLimit = "sample_limit", targetLimit = "target_limit", labelLimit = "label_limit"
        case labelNameLengthLimit = "label_name_length_limit", labelValueLengthLimit = "label_value_length_limit"
        case keepDroppedTargets = "keep_dropped_targets", scrapeProtocols = "scrape_protocols"
        case scrapeNativeHistograms = "scrape_native_histograms", nativeHistogramBucketLimit = "native_histogram_bucket_limit"
        case nativeHistogramMinBucketFactor = "native_histogram_min_bucket_factor"
        case alwaysScrapeClassicHistograms = "always_scrape_classic_histograms"
        case scrapeClassicHistograms = "scrape_classic_histograms"
        case convertClassicHistogramsToNHCB = "convert_classic_histograms_to_nhcb"
        case fallbackScrapeProtocol = "fallback_scrape_protocol", bodySizeLimit = "body_size_limit"
        case metricRelabelConfigs = "metric_relabel_configs"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(jobName, forKey: .jobName)
        try c.encode(honorLabels, forKey: .honorLabels)
        try c.encodeIfPresent(honorTimestamps, forKey: .honorTimestamps)
        try c.encodeIfPresent(trackTimestampsStaleness, forKey: .trackTimestampsStaleness)
        try c.encode(kubernetesSDConfigs, forKey: .kubernetesSDConfigs)
        try c.encodeIfPresent(scrapeInterval, forKey: .scrapeInterval)
        try c.encodeIfPresent(scrapeTimeout, forKey: .scrapeTimeout)
        try c.encodeIfPresent(metricsPath, forKey: .metricsPath)
        try c.encodeIfPresent(params.map(SortedYAMLMap.init), forKey: .params)
        try c.encodeIfPresent(scheme, forKey: .scheme)
        try c.encodeIfPresent(followRedirects, forKey: .followRedirects)
        try c.encodeIfPresent(enableHTTP2, forKey: .enableHTTP2)
        try c.encodeIfPresent(proxyURL, forKey: .proxyURL)
        try c.encodeIfPresent(noProxy, forKey: .noProxy)
        try c.encodeIfPresent(proxyFromEnvironment, forKey: .proxyFromEnvironment)
        try c.encodeIfPresent(proxyConnectHeader.map(SortedYAMLMap.init), forKey: .proxyConnectHeader)
        try c.encodeIfPresent(oauth2, forKey: .oauth2)
        try c.encodeIfPresent(tlsConfig, forKey: .tlsConfig)
        try c.encodeIfPresent(bearerTokenFile, forKey: .bearerTokenFile)
        try c.encodeIfPresent(bearerToken, forKey: .bearerToken)
        try c.encodeIfPresent(basicAuth, forKey: .basicAuth)
        try c.encodeIfPresent(authorization, forKey: .authorization)
        try c.encode(relabelConfigs, forKey: .relabelConfigs)
        try c.encodeIfPresent(sampleLimit, forKey: .sampleLimit)
        try c.encodeIfPresent(targetLimit, forKey: .targetLimit)
        try c.encodeIfPresent(labelLimit, forKey: .labelLimit)
        try c.encodeIfPresent(labelNameLengthLimit, forKey: .labelNameLengthLimit)
        try c.encodeIfPresent(labelValueLengthLimit, forKey: .labelValueLengthLimit)
        try c.encodeIfPresent(keepDroppedTargets, forKey: .keepDroppedTargets)
        try c.encodeIfPresent(scrapeNativeHistograms, forKey: .scrapeNativeHistograms)
        try c.encodeIfPresent(nativeHistogramBucketLimit, forKey: .nativeHistogramBucketLimit)
        try c.encodeIfPresent(nativeHistogramMinBucketFactor, forKey: .nativeHistogramMinBucketFactor)
        try c.encodeIfPresent(scrapeClassicHistograms,
                              forKey: classicHistogramsKeyIsV3 ? .alwaysScrapeClassicHistograms : .scrapeClassicHistograms)
        try c.encodeIfPresent(convertClassicHistogramsToNHCB, forKey: .convertClassicHistogramsToNHCB)
        try c.encodeIfPresent(scrapeProtocols, forKey: .scrapeProtocols)
        try c.encodeIfPresent(fallbackScrapeProtocol, forKey: .fallbackScrapeProtocol)
        try c.encodeIfPresent(bodySizeLimit, forKey: .bodySizeLimit)
        if let metricRelabelConfigs, !metricRelabelConfigs.isEmpty {
            try c.encode(metricRelabelConfigs, forKey: .metricRelabelConfigs)
        }
    }
}

/// The single `kubernetes_sd_configs` element of a ServiceMonitor job (3.4).
public struct KubernetesSDConfig: Encodable, Sendable, Equatable {
    public var role: String
    public var namespaces: Namespaces?
    public var attachMetadata: AttachMetadata?
    public var selectors: [Selector]?

    public struct Namespaces: Encodable, Sendable, Equatable { public var names: [String] }
    public struct AttachMetadata: Encodable, Sendable, Equatable { public var node: Bool }
    public struct Selector: Encodable, Sendable, Equatable {
        public var role: String
        public var label: String
    }

    enum CodingKeys: String, CodingKey {
        case role, namespaces, attachMetadata = "attach_metadata", selectors
    }
}

/// `basic_auth` with the Secret values inlined.
public struct BasicAuthOutput: Encodable, Sendable, Equatable {
    public var username: String
    public var password: String
}

/// `authorization` with the credentials inlined.
public struct AuthorizationOutput: Encodable, Sendable, Equatable {
    public var type: String
    public var credentials: String?
    /// Only from scrape classes.
    public var credentialsFile: String?

    enum CodingKeys: String, CodingKey { case type, credentials, credentialsFile = "credentials_file" }
}

/// `oauth2` with client id and secret inlined.
public struct OAuth2Output: Encodable, Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    public var tokenURL: String
    public var scopes: [String]?
    public var endpointParams: [String: String]?

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id", clientSecret = "client_secret", tokenURL = "token_url"
        case scopes, endpointParams = "endpoint_params"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(clientID, forKey: .clientID)
        try c.encode(clientSecret, forKey: .clientSecret)
        try c.encode(tokenURL, forKey: .tokenURL)
        try c.encodeIfPresent(scopes, forKey: .scopes)
        try c.encodeIfPresent(endpointParams.map(SortedYAMLMap.init), forKey: .endpointParams)
    }
}

/// `tls_config`: files from Secrets/ConfigMaps (mounted by the operator under
/// `/etc/prometheus/certs/`) come before `server_name`; literal paths come last (3.11).
public struct TLSConfigOutput: Encodable, Sendable, Equatable {
    public var insecureSkipVerify: Bool?
    public var mountedCAFile: String?
    public var mountedCertFile: String?
    public var mountedKeyFile: String?
    public var serverName: String?
    public var minVersion: String?
    public var maxVersion: String?
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?
    /// Where the PEM text behind the mounted files comes from, for a consumer that reads
    /// it itself (the embedded engine). Not written to the configuration.
    public var sources: [TLSMaterialSource] = []

    enum CodingKeys: String, CodingKey {
        case insecureSkipVerify = "insecure_skip_verify", caFile = "ca_file", certFile = "cert_file"
        case keyFile = "key_file", serverName = "server_name", minVersion = "min_version", maxVersion = "max_version"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(insecureSkipVerify, forKey: .insecureSkipVerify)
        try c.encodeIfPresent(mountedCAFile, forKey: .caFile)
        try c.encodeIfPresent(mountedCertFile, forKey: .certFile)
        try c.encodeIfPresent(mountedKeyFile, forKey: .keyFile)
        try c.encodeIfPresent(serverName, forKey: .serverName)
        try c.encodeIfPresent(minVersion, forKey: .minVersion)
        try c.encodeIfPresent(maxVersion, forKey: .maxVersion)
        try c.encodeIfPresent(caFile, forKey: .caFile)
        try c.encodeIfPresent(certFile, forKey: .certFile)
        try c.encodeIfPresent(keyFile, forKey: .keyFile)
    }
}

/// One Secret or ConfigMap key holding TLS material of a job, and the monitor field that
/// references it.
public struct TLSMaterialSource: Sendable, Equatable {
    /// What the PEM text is.
    public enum Part: Sendable, Equatable { case ca, certificate, privateKey }

    public var part: Part
    public var reference: SecretLookup.Reference
    /// `spec.endpoints[0].tlsConfig.ca.secret`, `...cert.configMap`, `...keySecret`.
    public var field: String

    public init(part: Part, reference: SecretLookup.Reference, field: String) {
        (self.part, self.reference, self.field) = (part, reference, field)
    }
}
