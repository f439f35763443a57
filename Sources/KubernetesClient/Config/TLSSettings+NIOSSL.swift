import NIOSSL

extension TLSSettings {
    /// A NIOSSL client configuration for these settings, ready for
    /// `HTTPClient.Configuration(tlsConfiguration:)`.
    ///
    /// - Trust: only the certificates of `certificateAuthorityPEM` when set (as kubectl does,
    ///   the system roots are then not consulted), else the system roots.
    /// - Mutual TLS: `clientCertificatePEM` (leaf first, then any intermediates) with
    ///   `clientKeyPEM`; the key must match the leaf.
    /// - `insecureSkipVerify`: the server certificate is not checked at all.
    /// - `serverName` is not part of a NIOSSL configuration: the name checked is the host the
    ///   HTTP client connects to. Use ``ClientConfiguration/requestBaseURL`` and
    ///   ``ClientConfiguration/dnsOverride`` so that host is the server name. Note that NIOSSL
    ///   also accepts a certificate whose IP address SAN matches the connected address,
    ///   whatever the name (Go's TLS, and so kubectl, would check only the name).
    ///
    /// - Throws: a ``ConfigurationError`` whose field says which PEM is invalid
    ///   (`certificateAuthorityPEM`, `clientCertificatePEM`, `clientKeyPEM`), or that the
    ///   key does not match the certificate.
    public func makeTLSConfiguration() throws(ConfigurationError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let authority = certificateAuthorityPEM {
            let roots = try PEMMaterial.certificates(authority, file: nil, field: "certificateAuthorityPEM")
            configuration.trustRoots = .certificates(roots)
        }
        switch (clientCertificatePEM, clientKeyPEM) {
        case (let certificatePEM?, let keyPEM?):
            let chain = try PEMMaterial.certificates(certificatePEM, file: nil, field: "clientCertificatePEM")
            let key = try PEMMaterial.privateKey(keyPEM, file: nil, field: "clientKeyPEM")
            configuration.certificateChain = chain.map { .certificate($0) }
            configuration.privateKey = .privateKey(key)
        case (.some, nil):
            throw ConfigurationError(
                file: nil, field: "clientKeyPEM", message: "missing: a client certificate needs its key")
        case (nil, .some):
            throw ConfigurationError(
                file: nil, field: "clientCertificatePEM", message: "missing: a client key needs its certificate")
        case (nil, nil):
            break
        }
        if insecureSkipVerify {
            configuration.certificateVerification = .none
        }
        // Building a context once catches what parsing alone cannot, such as a key that does
        // not belong to the certificate, here rather than on the first request.
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw ConfigurationError(
                file: nil, field: "clientKeyPEM",
                message: "TLS settings rejected (key does not match certificate?): \(error)")
        }
        return configuration
    }
}
