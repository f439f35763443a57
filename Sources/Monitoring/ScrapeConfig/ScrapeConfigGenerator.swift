import Foundation

/// Turns ServiceMonitors into prometheus-operator-compatible scrape jobs.
///
/// Pure: the same monitors, options and secret values always give the same jobs in the
/// same order. Invalid monitors are left out and reported, never failing the whole config.
public enum ScrapeConfigGenerator {
    /// The outcome for a set of monitors.
    public struct Generation: Sendable {
        /// Jobs of every accepted monitor: monitors by byte-wise `"<namespace>/<name>"`,
        /// then by endpoint index (3.2).
        public var jobs: [ScrapeJob]
        /// Monitors left out, with every problem found (sorted like `jobs`).
        public var rejected: [Rejection]
        /// Problems in accepted monitors that did not reject them (warnings).
        public var warnings: [Rejection]
    }

    /// A monitor and the issues found in it.
    public struct Rejection: Sendable, Equatable {
        public var monitorKey: String
        public var issues: [ValidationIssue]
    }

    /// Validates every monitor and generates the jobs of the valid ones.
    public static func generate(_ monitors: [ServiceMonitor], options: GeneratorOptions,
                                secrets: SecretLookup = .empty) -> Generation {
        var generation = Generation(jobs: [], rejected: [], warnings: [])
        let sorted = monitors.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        for monitor in sorted {
            let issues = ServiceMonitorValidator.validate(monitor, options: options, secrets: secrets)
            if issues.contains(where: { $0.severity == .error }) {
                generation.rejected.append(Rejection(monitorKey: monitor.key, issues: issues))
                continue
            }
            if !issues.isEmpty {
                generation.warnings.append(Rejection(monitorKey: monitor.key, issues: issues))
            }
            generation.jobs += jobs(for: monitor, options: options, secrets: secrets)
        }
        return generation
    }

    /// The jobs of one monitor, one per endpoint, without validating it first.
    public static func jobs(for monitor: ServiceMonitor, options: GeneratorOptions,
                            secrets: SecretLookup = .empty) -> [ScrapeJob] {
        monitor.spec.endpoints.enumerated().map { index, endpoint in
            job(for: monitor, endpoint: endpoint, index: index, options: options, secrets: secrets)
        }
    }

    static func discoveryRole(for monitor: ServiceMonitor, options: GeneratorOptions) -> DiscoveryRole {
        let wanted = monitor.spec.serviceDiscoveryRole ?? options.serviceDiscoveryRole
        let sliceUsable = options.endpointSliceSupported && options.prometheusVersion >= PrometheusVersion(2, 21)
        return wanted == .endpointSlice && sliceUsable ? .endpointslice : .endpoints
    }

    private static func job(for monitor: ServiceMonitor, endpoint: ServiceMonitorEndpoint, index: Int,
                            options: GeneratorOptions, secrets: SecretLookup) -> ScrapeJob {
        let version = options.prometheusVersion
        let role = discoveryRole(for: monitor, options: options)
        let scrapeClass = options.scrapeClass(for: monitor)
        var job = ScrapeJob(
            jobName: "serviceMonitor/\(monitor.namespace)/\(monitor.metadata.name)/\(index)",
            honorLabels: (endpoint.honorLabels ?? false) && !options.overrideHonorLabels,
            kubernetesSDConfig: sdConfig(for: monitor, role: role, options: options))
        if options.overrideHonorTimestamps {
            job.honorTimestamps = false
        } else {
            job.honorTimestamps = endpoint.honorTimestamps
        }
        job.trackTimestampsStaleness = gated(endpoint.trackTimestampsStaleness, version, 2, 48)
        job.scrapeInterval = nonEmpty(endpoint.interval)
        job.scrapeTimeout = nonEmpty(endpoint.scrapeTimeout)
        job.metricsPath = nonEmpty(endpoint.path)
        job.params = endpoint.params
        job.scheme = endpoint.scheme.map { $0.lowercased() }
        job.followRedirects = gated(endpoint.followRedirects, version, 2, 26)
        job.enableHTTP2 = gated(endpoint.enableHttp2, version, 2, 35)
        job.proxyURL = nonEmpty(endpoint.proxyUrl)
        job.noProxy = gated(nonEmpty(endpoint.noProxy), version, 2, 43)
        job.proxyFromEnvironment = gated(endpoint.proxyFromEnvironment, version, 2, 43)
        let resolver = CredentialResolver(namespace: monitor.namespace, secrets: secrets)
        job.proxyConnectHeader = gated(endpoint.proxyConnectHeader.map { headers in
            headers.mapValues { $0.map(resolver.secret) }
        }, version, 2, 43)
        job.oauth2 = gated(endpoint.oauth2.map(resolver.oauth2), version, 2, 27)
        job.tlsConfig = mergedTLS(endpoint.tlsConfig, scrapeClass?.tlsConfig).map {
            resolver.tls($0, version: version, field: "spec.endpoints[\(index)].tlsConfig")
        }
        job.bearerTokenFile = nonEmpty(endpoint.bearerTokenFile)
        job.bearerToken = endpoint.bearerTokenSecret.map(resolver.secret)
        job.basicAuth = endpoint.basicAuth.map(resolver.basicAuth)
        // The class's credentials fill in only when the endpoint has no auth of any kind:
        // Prometheus refuses a job with two auth methods.
        let endpointHasOtherAuth = endpoint.basicAuth != nil || endpoint.bearerTokenSecret != nil
            || endpoint.oauth2 != nil || !(endpoint.bearerTokenFile ?? "").isEmpty
        job.authorization = endpoint.authorization.map(resolver.authorization)
            ?? (endpointHasOtherAuth ? nil : scrapeClass?.authorization).map { classAuthorization in
                let type = classAuthorization.type?.trimmingCharacters(in: .whitespaces) ?? ""
                return AuthorizationOutput(type: type.isEmpty ? "Bearer" : type, credentials: nil,
                                           credentialsFile: classAuthorization.credentialsFile)
            }
        job.relabelConfigs = RelabelChain(monitor: monitor, endpoint: endpoint, role: role, options: options).rules
        applyLimits(to: &job, spec: monitor.spec, options: options)
        job.scrapeNativeHistograms = monitor.spec.scrapeNativeHistograms
        job.nativeHistogramBucketLimit = monitor.spec.nativeHistogramBucketLimit
        job.nativeHistogramMinBucketFactor = monitor.spec.nativeHistogramMinBucketFactor.flatMap { Double($0.description) }
        job.scrapeClassicHistograms = monitor.spec.scrapeClassicHistograms
        job.classicHistogramsKeyIsV3 = version.major >= 3
        job.convertClassicHistogramsToNHCB = monitor.spec.convertClassicHistogramsToNHCB
        if let protocols = monitor.spec.scrapeProtocols, version >= PrometheusVersion(2, 49) {
            job.scrapeProtocols = version.major >= 3 ? protocols : protocols.filter { $0 != "PrometheusText1.0.0" }
        }
        job.fallbackScrapeProtocol = gated(monitor.spec.fallbackScrapeProtocol ?? scrapeClass?.fallbackScrapeProtocol,
                                           version, 3, 0)
        job.bodySizeLimit = gated(effectiveBodySizeLimit(nonEmpty(monitor.spec.bodySizeLimit),
                                                         enforced: nonEmpty(options.enforcedBodySizeLimit)), version, 2, 28)
        var metricRules = (scrapeClass?.metricRelabelings ?? []).map(RelabelRule.init)
        metricRules += (endpoint.metricRelabelings ?? []).map(RelabelRule.init)
        if let enforcement = RelabelChain.enforcementRule(for: monitor, options: options) {
            metricRules.append(enforcement)
        }
        job.metricRelabelConfigs = metricRules.isEmpty ? nil : metricRules
        return job
    }

    private static func sdConfig(for monitor: ServiceMonitor, role: DiscoveryRole,
                                 options: GeneratorOptions) -> KubernetesSDConfig {
        var config = KubernetesSDConfig(role: role.rawValue)
        let selector = monitor.spec.namespaceSelector
        if options.ignoreNamespaceSelectors {
            config.namespaces = .init(names: [monitor.namespace])
        } else if selector?.any == true {
            config.namespaces = nil
        } else if let names = selector?.matchNames, !names.isEmpty {
            config.namespaces = .init(names: names)
        } else {
            config.namespaces = .init(names: [monitor.namespace])
        }
        let node = monitor.spec.attachMetadata?.node ?? options.scrapeClass(for: monitor)?.attachMetadataNode
        if let node, options.prometheusVersion >= PrometheusVersion(2, 37) {
            config.attachMetadata = .init(node: node)
        }
        if monitor.spec.selectorMechanism == .roleSelector {
            let label = monitor.spec.selector.kubernetesString
            config.selectors = [.init(role: role.rawValue, label: label), .init(role: "service", label: label)]
        }
        return config
    }

    /// 3.11: the endpoint's TLS wins; the class only supplies CA, cert and key files the
    /// endpoint does not set itself.
    private static func mergedTLS(_ endpoint: TLSConfigSpec?, _ scrapeClass: TLSConfigSpec?) -> TLSConfigSpec? {
        guard let scrapeClass else { return endpoint }
        var merged = endpoint ?? TLSConfigSpec()
        if merged.ca == nil, (merged.caFile ?? "").isEmpty { merged.caFile = scrapeClass.caFile }
        if merged.cert == nil, (merged.certFile ?? "").isEmpty { merged.certFile = scrapeClass.certFile }
        if merged.keySecret == nil, (merged.keyFile ?? "").isEmpty { merged.keyFile = scrapeClass.keyFile }
        if endpoint == nil {
            (merged.insecureSkipVerify, merged.serverName) = (scrapeClass.insecureSkipVerify, scrapeClass.serverName)
        }
        return merged
    }

    /// 1.2: the monitor's body size limit, the enforced one when the monitor sets none, or
    /// the smaller of both (compared in base-2 units).
    private static func effectiveBodySizeLimit(_ user: String?, enforced: String?) -> String? {
        guard let enforced else { return user }
        guard let user else { return enforced }
        guard let userBytes = ByteSize.bytes(user), let enforcedBytes = ByteSize.bytes(enforced) else { return user }
        return enforcedBytes < userBytes ? enforced : user
    }

    /// 3.9: the monitor's limit, or the enforced one, or the smaller of both.
    private static func applyLimits(to job: inout ScrapeJob, spec: ServiceMonitor.Spec, options: GeneratorOptions) {
        let version = options.prometheusVersion
        let enforced = options.enforcedLimits
        func effective(_ user: UInt64?, _ enforcedValue: UInt64?) -> UInt64? {
            guard let enforcedValue, enforcedValue > 0 else { return user }
            guard let user, user > 0 else { return version >= PrometheusVersion(2, 45) ? nil : enforcedValue }
            return min(user, enforcedValue)
        }
        job.sampleLimit = effective(spec.sampleLimit, enforced.sampleLimit)
        job.targetLimit = gated(effective(spec.targetLimit, enforced.targetLimit), version, 2, 21)
        job.labelLimit = gated(effective(spec.labelLimit, enforced.labelLimit), version, 2, 27)
        job.labelNameLengthLimit = gated(effective(spec.labelNameLengthLimit, enforced.labelNameLengthLimit), version, 2, 27)
        job.labelValueLengthLimit = gated(effective(spec.labelValueLengthLimit, enforced.labelValueLengthLimit), version, 2, 27)
        job.keepDroppedTargets = gated(effective(spec.keepDroppedTargets, enforced.keepDroppedTargets), version, 2, 47)
    }

    /// `value` when the Prometheus version supports it; older versions silently lose the
    /// field, as prometheus-operator does.
    private static func gated<Value>(_ value: Value?, _ version: PrometheusVersion, _ major: Int, _ minor: Int) -> Value? {
        version >= PrometheusVersion(major, minor) ? value : nil
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
