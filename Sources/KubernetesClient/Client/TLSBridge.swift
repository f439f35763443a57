import NIOSSL

// TEMPORARY: replaced by the Config/ TLS implementation when the config branch merges.
extension TLSSettings {
    func makeTLSConfiguration() throws(ConfigurationError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if insecureSkipVerify { tls.certificateVerification = .none }
        if let ca = certificateAuthorityPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
            } catch {
                throw ConfigurationError(file: nil, field: "certificate-authority", message: "\(error)")
            }
        }
        return tls
    }
}
