import Monitoring
import Scrape

// `tls_config` → the engine's TLS settings: PEM text from the Secrets and ConfigMaps the
// monitor references (the files prometheus-operator would mount), file paths as written.
extension ScrapeJobConversion {
    /// The TLS settings of `tls`, with referenced PEM text looked up and checked.
    ///
    /// - Throws: ``Failure`` naming the monitor field when a referenced key is missing or
    ///   its text is not PEM of the right kind. A file that cannot be read is not an error
    ///   here (it may exist only in Prometheus' pod); the pool's scrapes report it.
    static func tlsOptions(_ tls: TLSConfigOutput, secrets: SecretLookup) throws(Failure) -> ScrapeTLSOptions {
        var options = ScrapeTLSOptions(
            caFile: tls.caFile, certificateFile: tls.certFile, privateKeyFile: tls.keyFile,
            insecureSkipVerify: tls.insecureSkipVerify ?? false, serverName: tls.serverName,
            minVersion: tls.minVersion, maxVersion: tls.maxVersion)
        for source in tls.sources {
            guard let text = secrets.value(for: source.reference) else {
                throw Failure(description: "\(source.field): \(source.reference) not found", reason: .invalidConfiguration)
            }
            do throws(ScrapeClientConfigurationError) {
                switch source.part {
                case .ca:
                    try HTTPScrapeClient.checkCertificates(pem: text)
                    options.caPEM = text
                case .certificate:
                    try HTTPScrapeClient.checkCertificates(pem: text)
                    options.certificatePEM = text
                case .privateKey:
                    try HTTPScrapeClient.checkPrivateKey(pem: text)
                    options.privateKeyPEM = text
                }
            } catch {
                throw Failure(description: "\(source.field): \(source.reference): \(error.message)",
                              reason: .invalidConfiguration)
            }
        }
        return options
    }
}
