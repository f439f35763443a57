import Foundation
import NIOSSL
import Testing

@testable import KubernetesClient
import VigilTestSupport

@Suite("TLS settings")
struct TLSSettingsTests {
    @Test("no CA means the system trust roots and full verification")
    func systemDefault() throws {
        let configuration = try TLSSettings().makeTLSConfiguration()
        #expect(configuration.trustRoots == .default)
        #expect(configuration.certificateVerification == .fullVerification)
        #expect(configuration.certificateChain.isEmpty)
        #expect(configuration.privateKey == nil)
    }

    @Test("every certificate of a CA bundle is trusted")
    func bundle() throws {
        let pki = try TestPKI.shared()
        let bundle = pki.authority.certificatePEM + Array("\n".utf8) + pki.otherAuthority.certificatePEM
        let configuration = try TLSSettings(certificateAuthorityPEM: bundle).makeTLSConfiguration()
        guard case .certificates(let roots) = configuration.trustRoots else {
            Issue.record("expected explicit roots, got \(String(describing: configuration.trustRoots))")
            return
        }
        #expect(roots.count == 2)
    }

    @Test("a client certificate and key are presented")
    func clientCertificate() throws {
        let pki = try TestPKI.shared()
        let configuration = try TLSSettings(
            clientCertificatePEM: pki.client.certificatePEM, clientKeyPEM: pki.client.keyPEM
        ).makeTLSConfiguration()
        #expect(configuration.certificateChain.count == 1)
        #expect(configuration.privateKey != nil)
    }

    @Test("insecureSkipVerify turns verification off")
    func insecure() throws {
        let configuration = try TLSSettings(insecureSkipVerify: true).makeTLSConfiguration()
        #expect(configuration.certificateVerification == .none)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var settings: @Sendable (TestPKI) -> TLSSettings
        var field: String
    }

    @Test(
        "invalid PEM names the field",
        arguments: [
            Invalid(
                testDescription: "garbage CA",
                settings: { _ in TLSSettings(certificateAuthorityPEM: Array("junk".utf8)) },
                field: "certificateAuthorityPEM"),
            Invalid(
                testDescription: "a key where the CA belongs",
                settings: { TLSSettings(certificateAuthorityPEM: $0.client.keyPEM) }, field: "certificateAuthorityPEM"),
            Invalid(
                testDescription: "garbage client certificate",
                settings: { TLSSettings(clientCertificatePEM: Array("x".utf8), clientKeyPEM: $0.client.keyPEM) },
                field: "clientCertificatePEM"),
            Invalid(
                testDescription: "a certificate where the key belongs",
                settings: {
                    TLSSettings(clientCertificatePEM: $0.client.certificatePEM, clientKeyPEM: $0.client.certificatePEM)
                },
                field: "clientKeyPEM"),
            Invalid(
                testDescription: "certificate without key",
                settings: { TLSSettings(clientCertificatePEM: $0.client.certificatePEM) }, field: "clientKeyPEM"),
            Invalid(
                testDescription: "key without certificate",
                settings: { TLSSettings(clientKeyPEM: $0.client.keyPEM) }, field: "clientCertificatePEM"),
            Invalid(
                testDescription: "a key that does not match the certificate",
                settings: {
                    TLSSettings(clientCertificatePEM: $0.client.certificatePEM, clientKeyPEM: $0.server.keyPEM)
                },
                field: "clientKeyPEM"),
        ])
    func invalid(_ row: Invalid) throws {
        let settings = row.settings(try TestPKI.shared())
        let error = #expect(throws: ConfigurationError.self) { try settings.makeTLSConfiguration() }
        #expect(error?.field == row.field)
    }

    @Test("tls-server-name moves the request host and maps it back to the real address")
    func serverNameRouting() throws {
        let url = try #require(URL(string: "https://10.0.0.1:6443"))
        var configuration = ClientConfiguration(server: url)
        #expect(configuration.requestBaseURL == url)
        #expect(configuration.dnsOverride.isEmpty)

        configuration.tls.serverName = "kube.test"
        #expect(configuration.requestBaseURL.absoluteString == "https://kube.test:6443")
        #expect(configuration.dnsOverride == ["kube.test": "10.0.0.1"])

        let ipv6 = ClientConfiguration(
            server: try #require(URL(string: "https://[fd00::1]:443")), tls: TLSSettings(serverName: "kube.test"))
        #expect(ipv6.requestBaseURL.absoluteString == "https://kube.test:443")
        #expect(ipv6.dnsOverride == ["kube.test": "fd00::1"])
    }
}
