/// What a scrape pool (one job) does for every target: a Prometheus `scrape_config`.
///
/// Defaults are Prometheus 2.42's (`scrape_interval` 1m, `scrape_timeout` 10s,
/// `metrics_path` `/metrics`, `scheme` `http`, `honor_timestamps` true, no limits).
/// A limit of 0 means no limit.
public struct ScrapeOptions: Sendable, Hashable {
    /// The `job` label of every target.
    public var jobName: String
    /// Time between scrapes of one target.
    public var interval: Duration
    /// How long one scrape may take; at most `interval`.
    public var timeout: Duration
    /// HTTP path, unless a target's `__metrics_path__` says otherwise.
    public var metricsPath: String
    /// `http` or `https`, unless a target's `__scheme__` says otherwise.
    public var scheme: String
    /// Query parameters; the first value of each also becomes a `__param_<name>` label.
    public var params: [String: [String]]
    /// Keep the scraped value of a label that clashes with a target label (else the
    /// scraped one is renamed `exported_<name>`).
    public var honorLabels: Bool
    /// Use the timestamps the target exposes (else the scrape time).
    public var honorTimestamps: Bool
    /// More samples than this after metric relabeling fails the scrape; nothing is stored.
    public var sampleLimit: Int
    /// More labels than this on one series fails the scrape.
    public var labelLimit: Int
    /// A label name longer than this fails the scrape.
    public var labelNameLengthLimit: Int
    /// A label value longer than this fails the scrape.
    public var labelValueLengthLimit: Int
    /// A body larger than this (bytes, uncompressed) fails the scrape.
    public var bodySizeLimit: Int
    /// Credentials sent with every scrape.
    public var authorization: ScrapeAuthorization?
    /// TLS settings for `https` targets; the HTTP client is built with them.
    public var tls: ScrapeTLSOptions?
    /// `follow_redirects`: follow 3xx answers as Go's client does (at most 10); when false
    /// a redirect fails the scrape with its status, as in Prometheus.
    public var followRedirects: Bool
    /// `target_limit`: with more targets after relabeling than this, every target of the
    /// job fails with ``ScrapeError/targetLimitExceeded(targets:limit:)`` instead of being
    /// scraped; 0 means no limit.
    public var targetLimit: Int
    /// Target relabeling (`relabel_configs`), applied to discovered labels.
    public var relabelConfigs: [RelabelConfig]
    /// Sample relabeling (`metric_relabel_configs`), applied to every scraped series.
    public var metricRelabelConfigs: [RelabelConfig]

    /// Creates options with Prometheus' defaults for everything not given.
    public init(
        jobName: String, interval: Duration = .seconds(60), timeout: Duration = .seconds(10),
        metricsPath: String = "/metrics", scheme: String = "http", params: [String: [String]] = [:],
        honorLabels: Bool = false, honorTimestamps: Bool = true, sampleLimit: Int = 0, labelLimit: Int = 0,
        labelNameLengthLimit: Int = 0, labelValueLengthLimit: Int = 0, bodySizeLimit: Int = 0,
        authorization: ScrapeAuthorization? = nil, tls: ScrapeTLSOptions? = nil, followRedirects: Bool = true, targetLimit: Int = 0,
        relabelConfigs: [RelabelConfig] = [], metricRelabelConfigs: [RelabelConfig] = []
    ) {
        self.jobName = jobName
        self.interval = interval
        self.timeout = timeout
        self.metricsPath = metricsPath
        self.scheme = scheme
        self.params = params
        self.honorLabels = honorLabels
        self.honorTimestamps = honorTimestamps
        self.sampleLimit = sampleLimit
        self.labelLimit = labelLimit
        self.labelNameLengthLimit = labelNameLengthLimit
        self.labelValueLengthLimit = labelValueLengthLimit
        self.bodySizeLimit = bodySizeLimit
        self.authorization = authorization
        self.tls = tls
        self.followRedirects = followRedirects
        self.targetLimit = targetLimit
        self.relabelConfigs = relabelConfigs
        self.metricRelabelConfigs = metricRelabelConfigs
    }

    /// The three label limits, checked per series.
    var labelLimits: LabelLimits {
        LabelLimits(labelLimit: labelLimit, nameLengthLimit: labelNameLengthLimit,
                    valueLengthLimit: labelValueLengthLimit)
    }
}

/// TLS settings of a scrape pool (Prometheus `tls_config`): PEM text, or file paths the
/// client reads when it is built. Text and a file for the same part are exclusive.
public struct ScrapeTLSOptions: Sendable, Hashable {
    /// CA certificates to trust instead of the system roots.
    public var caPEM: String?
    /// Client certificate chain for mutual TLS.
    public var certificatePEM: String?
    /// Client private key for mutual TLS.
    public var privateKeyPEM: String?
    /// A PEM file of CA certificates (`ca_file`).
    public var caFile: String?
    /// A PEM file with the client certificate chain (`cert_file`).
    public var certificateFile: String?
    /// A PEM file with the client private key (`key_file`).
    public var privateKeyFile: String?
    /// Skip certificate and host name verification (`insecure_skip_verify`).
    public var insecureSkipVerify: Bool
    /// Host name to verify and send as SNI instead of the target's (`server_name`).
    public var serverName: String?
    /// Oldest TLS version accepted (`min_version`: `TLS10` ... `TLS13`); nil for the default.
    public var minVersion: String?
    /// Newest TLS version offered (`max_version`); nil for the newest supported.
    public var maxVersion: String?

    /// Creates TLS settings.
    public init(caPEM: String? = nil, certificatePEM: String? = nil, privateKeyPEM: String? = nil,
                caFile: String? = nil, certificateFile: String? = nil, privateKeyFile: String? = nil,
                insecureSkipVerify: Bool = false, serverName: String? = nil,
                minVersion: String? = nil, maxVersion: String? = nil) {
        self.caPEM = caPEM
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.privateKeyFile = privateKeyFile
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
        self.minVersion = minVersion
        self.maxVersion = maxVersion
    }
}
