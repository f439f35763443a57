import Foundation

/// Checks one `spec.endpoints[i]` (compat 1.3–1.5), collecting issues under `field`.
struct EndpointValidation {
    let field: String
    let namespace: String
    let options: GeneratorOptions
    let secrets: SecretLookup
    private(set) var issues: [ValidationIssue] = []

    init(field: String, namespace: String, options: GeneratorOptions, secrets: SecretLookup) {
        (self.field, self.namespace, self.options, self.secrets) = (field, namespace, options, secrets)
    }

    mutating func run(_ endpoint: ServiceMonitorEndpoint) {
        if endpoint.portName != nil, endpoint.targetPort != nil {
            // prometheus-operator uses `port` and ignores `targetPort`; accepted, but worth saying.
            issues.append(ValidationIssue(field: field, message: "port and targetPort are mutually exclusive; targetPort is ignored",
                                          reason: .invalidEndpoint, severity: .warning))
        }
        if let scheme = endpoint.scheme, !["http", "https", "HTTP", "HTTPS"].contains(scheme) {
            add("scheme", "unsupported scheme \"\(scheme)\": must be http or https", .invalidEndpoint)
        }
        checkDurations(endpoint)
        checkFileAccess(endpoint)
        checkAuthentication(endpoint)
        if let tls = endpoint.tlsConfig { checkTLS(tls) }
        checkProxy(endpoint)
        for (index, rule) in (endpoint.relabelings ?? []).enumerated() {
            issues += RelabelValidation.issues(in: rule, field: "\(field).relabelings[\(index)]", version: options.prometheusVersion)
        }
        for (index, rule) in (endpoint.metricRelabelings ?? []).enumerated() {
            issues += RelabelValidation.issues(in: rule, field: "\(field).metricRelabelings[\(index)]", version: options.prometheusVersion)
        }
    }

    private mutating func add(_ subfield: String, _ message: String, _ reason: ValidationIssue.Reason) {
        issues.append(ValidationIssue(field: subfield.isEmpty ? field : "\(field).\(subfield)", message: message, reason: reason))
    }

    private mutating func checkDurations(_ endpoint: ServiceMonitorEndpoint) {
        var interval: Int64? = PrometheusDuration.milliseconds(options.scrapeInterval)
        var intervalText = options.scrapeInterval
        if let text = endpoint.interval, !text.isEmpty {
            interval = PrometheusDuration.milliseconds(text)
            intervalText = text
            if interval == nil { add("interval", "invalid duration \"\(text)\"", .invalidEndpoint) }
        }
        guard let timeoutText = endpoint.scrapeTimeout, !timeoutText.isEmpty else { return }
        guard let timeout = PrometheusDuration.milliseconds(timeoutText) else {
            add("scrapeTimeout", "invalid duration \"\(timeoutText)\"", .invalidEndpoint)
            return
        }
        if let interval, timeout > interval {
            add("scrapeTimeout", "scrapeTimeout \"\(timeoutText)\" greater than scrapeInterval \"\(intervalText)\"",
                .invalidScrapeTimeout)
        }
    }

    private mutating func checkFileAccess(_ endpoint: ServiceMonitorEndpoint) {
        guard options.denyArbitraryFileAccess else { return }
        let files: [(String, String?)] = [
            ("bearerTokenFile", endpoint.bearerTokenFile), ("tlsConfig.caFile", endpoint.tlsConfig?.caFile),
            ("tlsConfig.certFile", endpoint.tlsConfig?.certFile), ("tlsConfig.keyFile", endpoint.tlsConfig?.keyFile),
        ]
        for (name, value) in files where !(value ?? "").isEmpty {
            add(name, "reading files from the Prometheus container is denied (arbitraryFSAccessThroughSMs)", .invalidEndpoint)
        }
    }

    private mutating func checkAuthentication(_ endpoint: ServiceMonitorEndpoint) {
        let present = [("authorization", endpoint.authorization != nil), ("basicAuth", endpoint.basicAuth != nil),
                       ("bearerTokenSecret", endpoint.bearerTokenSecret != nil), ("oauth2", endpoint.oauth2 != nil)]
            .filter(\.1).map(\.0)
        if present.count > 1 {
            add("", "at most one of \(present.joined(separator: ", ")) may be set", .invalidAuthentication)
        }
        if let token = endpoint.bearerTokenSecret { requireSecret(token, at: "bearerTokenSecret") }
        if let basic = endpoint.basicAuth {
            for (name, selector) in [("username", basic.username), ("password", basic.password)] {
                if let selector { requireSecret(selector, at: "basicAuth.\(name)") }
            }
        }
        if let authorization = endpoint.authorization {
            if authorization.type?.trimmingCharacters(in: .whitespaces).lowercased() == "basic" {
                add("authorization.type", "authorization type cannot be set to \"basic\", use \"basicAuth\" instead",
                    .invalidAuthentication)
            }
            if let credentials = authorization.credentials {
                requireSecret(credentials, at: "authorization.credentials")
            } else {
                add("authorization.credentials", "credentials are required", .invalidAuthentication)
            }
        }
        if let oauth = endpoint.oauth2 {
            if let secret = oauth.clientId?.secret {
                requireSecret(secret, at: "oauth2.clientId.secret")
            } else if let map = oauth.clientId?.configMap {
                require(.init(.configMap, namespace: namespace, name: map.name, key: map.key), at: "oauth2.clientId.configMap")
            } else {
                add("oauth2.clientId", "clientId is required (secret or configMap)", .invalidAuthentication)
            }
            if let secret = oauth.clientSecret {
                requireSecret(secret, at: "oauth2.clientSecret")
            } else {
                add("oauth2.clientSecret", "clientSecret is required", .invalidAuthentication)
            }
            let url = oauth.tokenUrl ?? ""
            if !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                add("oauth2.tokenUrl", "tokenUrl must be an http or https URL", .invalidAuthentication)
            }
        }
    }

    private mutating func checkTLS(_ tls: TLSConfigSpec) {
        for (name, reference) in [("ca", tls.ca), ("cert", tls.cert)] {
            guard let reference else { continue }
            switch (reference.secret, reference.configMap) {
            case (let secret?, nil): requireSecret(secret, at: "tlsConfig.\(name).secret")
            case (nil, let map?):
                require(.init(.configMap, namespace: namespace, name: map.name, key: map.key), at: "tlsConfig.\(name).configMap")
            default: add("tlsConfig.\(name)", "exactly one of secret or configMap must be set", .invalidTLSConfig)
            }
        }
        if let key = tls.keySecret { requireSecret(key, at: "tlsConfig.keySecret") }
        let hasCert = tls.cert != nil || !(tls.certFile ?? "").isEmpty
        let hasKey = tls.keySecret != nil || !(tls.keyFile ?? "").isEmpty
        let conflicts: [(Bool, String)] = [
            (tls.ca != nil && !(tls.caFile ?? "").isEmpty, "tlsConfig.ca and tlsConfig.caFile are mutually exclusive"),
            (tls.cert != nil && !(tls.certFile ?? "").isEmpty, "tlsConfig.cert and tlsConfig.certFile are mutually exclusive"),
            (tls.keySecret != nil && !(tls.keyFile ?? "").isEmpty, "tlsConfig.keyFile and tlsConfig.keySecret are mutually exclusive"),
            (hasCert && !hasKey, "client certificate specified without client key"),
            (hasKey && !hasCert, "client key specified without client certificate"),
        ]
        for (conflict, message) in conflicts where conflict { add("tlsConfig", message, .invalidTLSConfig) }
        let versions = ["TLS10", "TLS11", "TLS12", "TLS13"]
        for (name, value) in [("minVersion", tls.minVersion), ("maxVersion", tls.maxVersion)] {
            if let value, !versions.contains(value) {
                add("tlsConfig.\(name)", "unknown TLS version \"\(value)\"", .invalidTLSConfig)
            }
        }
        if let min = tls.minVersion.flatMap(versions.firstIndex), let max = tls.maxVersion.flatMap(versions.firstIndex), max < min {
            add("tlsConfig", "maxVersion \(versions[max]) must be greater than or equal to minVersion \(versions[min])",
                .invalidTLSConfig)
        }
    }

    private mutating func checkProxy(_ endpoint: ServiceMonitorEndpoint) {
        let url = endpoint.proxyUrl ?? ""
        let fromEnvironment = endpoint.proxyFromEnvironment ?? false
        if !url.isEmpty, !["http://", "https://", "socks5://"].contains(where: url.hasPrefix) {
            add("proxyUrl", "proxyUrl \"\(url)\" must start with http://, https:// or socks5://", .invalidEndpoint)
        }
        if fromEnvironment, !url.isEmpty {
            add("", "proxyFromEnvironment and proxyUrl are mutually exclusive", .invalidEndpoint)
        }
        if !(endpoint.noProxy ?? "").isEmpty {
            if fromEnvironment { add("", "proxyFromEnvironment and noProxy are mutually exclusive", .invalidEndpoint) }
            if url.isEmpty { add("noProxy", "noProxy requires proxyUrl", .invalidEndpoint) }
        }
        guard let headers = endpoint.proxyConnectHeader else { return }
        if url.isEmpty && !fromEnvironment {
            add("proxyConnectHeader", "proxyConnectHeader requires proxyUrl or proxyFromEnvironment", .invalidEndpoint)
        }
        for name in headers.keys.sorted() {
            let selectors = headers[name] ?? []
            if selectors.isEmpty { add("proxyConnectHeader[\(name)]", "must not be empty", .invalidEndpoint) }
            for (index, selector) in selectors.enumerated() {
                requireSecret(selector, at: "proxyConnectHeader[\(name)][\(index)]")
            }
        }
    }

    private mutating func requireSecret(_ selector: SecretKeySelector, at subfield: String) {
        require(.init(.secret, namespace: namespace, name: selector.name, key: selector.key), at: subfield)
    }

    private mutating func require(_ reference: SecretLookup.Reference, at subfield: String) {
        if secrets.value(for: reference) == nil {
            add(subfield, "\(reference) not found", .referenceNotFound)
        }
    }
}
