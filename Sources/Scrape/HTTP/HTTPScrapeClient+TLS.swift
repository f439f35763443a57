import NIOSSL

// TLS: building the client's configuration from `tls_config` settings, checking PEM text
// before a pool is built, and naming handshake failures the way Prometheus does.
extension HTTPScrapeClient {
    /// Throws unless `pem` holds at least one certificate (`ca`, `cert`).
    public static func checkCertificates(pem: String) throws(ScrapeClientConfigurationError) {
        _ = try certificates(pem: pem)
    }

    /// Throws unless `pem` holds a private key (`keySecret`).
    public static func checkPrivateKey(pem: String) throws(ScrapeClientConfigurationError) {
        _ = try privateKey(pem: pem)
    }

    /// `tls: <what failed>` for handshake and certificate errors, nil for anything else.
    static func tlsReason(_ error: any Error) -> String? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "tls: certificate is not valid for this host"
        }
        guard let sslError = error as? NIOSSLError else { return nil }
        switch sslError {
        case .handshakeFailed(let reasons):
            let reason = Self.boringSSLReason("\(reasons)")
            if reason == "CERTIFICATE_VERIFY_FAILED" { return "tls: failed to verify certificate (\(reason))" }
            return "tls: handshake failed (\(reason))"
        default:
            return "tls: \(sslError)"
        }
    }

    /// The reason code of a BoringSSL error text (`error:1000007d:SSL routines:
    /// OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at file:line` → `CERTIFICATE_VERIFY_FAILED`),
    /// or the whole text when it has another shape.
    static func boringSSLReason(_ text: String) -> String {
        guard let marker = text.range(of: "OPENSSL_internal:") else { return text }
        let rest = text[marker.upperBound...]
        let reason = rest.prefix { $0 != " " && $0 != "]" && $0 != ")" }
        return reason.isEmpty ? text : String(reason)
    }

    static func makeTLSConfiguration(_ options: ScrapeTLSOptions) throws(ScrapeClientConfigurationError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if options.serverName != nil, !options.insecureSkipVerify {
            // AsyncHTTPClient takes SNI and the verified name from the URL host; silently
            // verifying another name would be worse than refusing. Without verification the
            // name only picks the server's certificate, which the client then ignores.
            throw ScrapeClientConfigurationError("tls_config.server_name is not supported")
        }
        if let caPEM = options.caPEM {
            configuration.trustRoots = .certificates(try certificates(pem: caPEM))
        } else if let caFile = options.caFile {
            configuration.trustRoots = .certificates(try load("ca_file", caFile) { try NIOSSLCertificate.fromPEMFile($0) })
        }
        var chain: [NIOSSLCertificate]?
        if let certificatePEM = options.certificatePEM {
            chain = try certificates(pem: certificatePEM)
        } else if let certificateFile = options.certificateFile {
            chain = try load("cert_file", certificateFile) { try NIOSSLCertificate.fromPEMFile($0) }
        }
        var key: NIOSSLPrivateKey?
        if let keyPEM = options.privateKeyPEM {
            key = try privateKey(pem: keyPEM)
        } else if let keyFile = options.privateKeyFile {
            key = try load("key_file", keyFile) { try NIOSSLPrivateKey(file: $0, format: .pem) }
        }
        switch (chain, key) {
        case (let chain?, let key?):
            configuration.certificateChain = chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(key)
        case (nil, nil):
            break
        default:
            throw ScrapeClientConfigurationError("tls_config needs both a client certificate and its key")
        }
        if let minVersion = options.minVersion {
            configuration.minimumTLSVersion = try version(minVersion, field: "min_version")
        }
        if let maxVersion = options.maxVersion {
            configuration.maximumTLSVersion = try version(maxVersion, field: "max_version")
        }
        if options.insecureSkipVerify { configuration.certificateVerification = .none }
        return configuration
    }

    private static func certificates(pem: String) throws(ScrapeClientConfigurationError) -> [NIOSSLCertificate] {
        let parsed: [NIOSSLCertificate]
        do {
            parsed = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
        } catch {
            throw ScrapeClientConfigurationError("invalid PEM certificate data: \(error)")
        }
        guard !parsed.isEmpty else { throw ScrapeClientConfigurationError("no PEM certificate found") }
        return parsed
    }

    private static func privateKey(pem: String) throws(ScrapeClientConfigurationError) -> NIOSSLPrivateKey {
        do {
            return try NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem)
        } catch {
            throw ScrapeClientConfigurationError("invalid PEM private key data: \(error)")
        }
    }

    /// Reads a PEM file; the client is built once per pool, so a rotated file is read
    /// again when the pool is rebuilt.
    private static func load<T>(_ field: String, _ path: String, _ body: (String) throws -> T)
        throws(ScrapeClientConfigurationError) -> T {
        do {
            let value = try body(path)
            if let list = value as? [NIOSSLCertificate], list.isEmpty {
                throw ScrapeClientConfigurationError("tls_config.\(field) \"\(path)\": no PEM certificate found")
            }
            return value
        } catch let error as ScrapeClientConfigurationError {
            throw error
        } catch {
            throw ScrapeClientConfigurationError("tls_config.\(field) \"\(path)\" cannot be loaded: \(error)")
        }
    }

    private static func version(_ name: String, field: String) throws(ScrapeClientConfigurationError) -> TLSVersion {
        switch name {
        case "TLS10": .tlsv1
        case "TLS11": .tlsv11
        case "TLS12": .tlsv12
        case "TLS13": .tlsv13
        default: throw ScrapeClientConfigurationError("tls_config.\(field): unknown TLS version \"\(name)\"")
        }
    }
}
