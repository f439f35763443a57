#if canImport(AsyncHTTPClient)
import AsyncHTTPClient
import Foundation
import Testing
import VigilTestSupport
@testable import Scrape

/// Building a pool's TLS client from ``ScrapeTLSOptions``: what is refused up front and what
/// turns into failing scrapes with the reason.
@Suite("scrape TLS options")
struct ScrapeTLSOptionsTests {
    @Test("text without a certificate or key is refused with what is wrong",
          arguments: ["", "not PEM", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])
    func invalidPEM(_ text: String) {
        #expect(throws: ScrapeClientConfigurationError.self) { try HTTPScrapeClient.checkCertificates(pem: text) }
        #expect(throws: ScrapeClientConfigurationError.self) { try HTTPScrapeClient.checkPrivateKey(pem: text) }
    }

    @Test("generated certificates and keys pass the PEM checks")
    func validPEM() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            if SharedData.isCI { Issue.record("/usr/bin/openssl is required when CI=true") }
            return
        }
        let pki = try TestPKI.shared()
        try HTTPScrapeClient.checkCertificates(pem: pki.authority.certificate + pki.server.certificate)
        try HTTPScrapeClient.checkPrivateKey(pem: pki.client.key)
    }

    @Test("server_name with insecure_skip_verify builds a client: nothing is verified against the name")
    func serverNameWithoutVerification() async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        let client = try HTTPScrapeClient(httpClient: http)
            .configured(for: ScrapeTLSOptions(insecureSkipVerify: true, serverName: "web.internal"))
        try await http.shutdown()
        #expect(client is HTTPScrapeClient)
    }

    @Test("settings the client cannot use make every scrape fail with a tls: reason instead of dropping the job",
          arguments: [
              (ScrapeTLSOptions(caFile: "/nonexistent/ca.crt"), "tls: tls_config.ca_file \"/nonexistent/ca.crt\" cannot be loaded"),
              (ScrapeTLSOptions(serverName: "web.internal"), "tls: tls_config.server_name is not supported"),
              (ScrapeTLSOptions(minVersion: "TLS99"), "tls: tls_config.min_version: unknown TLS version \"TLS99\""),
              (ScrapeTLSOptions(certificatePEM: "x"), "tls: invalid PEM certificate data"),
          ])
    func unusable(_ tls: ScrapeTLSOptions, reason: String) async throws {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        let client = try HTTPScrapeClient(httpClient: http).configured(for: tls)
        let result = await ScrapeOnce.scrape(url: "https://127.0.0.1:1/metrics", options: .init(timeout: .seconds(5)),
                                             client: client)
        try await http.shutdown()
        guard case .failure(let error) = result.outcome else {
            Issue.record("the scrape succeeded")
            return
        }
        #expect(error.kind == .connection)
        #expect(error.message.hasPrefix("Get \"https://127.0.0.1:1/metrics\": " + reason), "\(error.message)")
    }
}
#endif
