import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import Testing

@testable import KubernetesClient
import VigilTestSupport

/// End to end: a Hummingbird HTTPS server on 127.0.0.1 that requires a client certificate
/// signed by the test CA, and AsyncHTTPClient configured only through `TLSSettings`.
@Suite("Mutual TLS end to end")
struct MutualTLSTests {
    struct Case: Sendable, CustomTestStringConvertible {
        enum ServerCertificate: Sendable { case ipAndLocalhost, dnsNameOnly }
        enum Trust: Sendable { case testAuthority, otherAuthority, systemRoots }
        enum ClientCertificate: Sendable { case none, signedByTestAuthority, signedByOtherAuthority }

        var testDescription: String
        var serverCertificate = ServerCertificate.ipAndLocalhost
        var host = "127.0.0.1"
        var trust = Trust.testAuthority
        var clientCertificate = ClientCertificate.signedByTestAuthority
        var insecureSkipVerify = false
        var serverName: String?
        /// `nil` if the request must succeed, else a fragment of the TLS error it must fail with.
        var failure: String?

        func settings(_ pki: TestPKI) -> TLSSettings {
            let client: TestPKI.Pair? =
                switch clientCertificate {
                case .none: nil
                case .signedByTestAuthority: pki.client
                case .signedByOtherAuthority: pki.clientOfOtherAuthority
                }
            let authority: [UInt8]? =
                switch trust {
                case .testAuthority: pki.authority.certificatePEM
                case .otherAuthority: pki.otherAuthority.certificatePEM
                case .systemRoots: nil
                }
            return TLSSettings(
                certificateAuthorityPEM: authority, clientCertificatePEM: client?.certificatePEM,
                clientKeyPEM: client?.keyPEM, insecureSkipVerify: insecureSkipVerify, serverName: serverName)
        }
    }

    static let cases: [Case] = [
        Case(testDescription: "the right client certificate is accepted"),
        Case(testDescription: "the server is verified by host name too", host: "localhost"),
        Case(
            testDescription: "without a client certificate the server refuses",
            clientCertificate: .none, failure: "CERTIFICATE_REQUIRED"),
        Case(
            testDescription: "a client certificate from an untrusted CA is refused",
            clientCertificate: .signedByOtherAuthority, failure: "UNKNOWN_CA"),
        Case(
            testDescription: "a server certificate from an untrusted CA is refused",
            trust: .otherAuthority, failure: "CERTIFICATE_VERIFY_FAILED"),
        Case(
            testDescription: "the system roots do not trust the test CA",
            trust: .systemRoots, failure: "CERTIFICATE_VERIFY_FAILED"),
        Case(
            testDescription: "insecureSkipVerify accepts a server nobody vouches for",
            trust: .otherAuthority, insecureSkipVerify: true),
        Case(
            testDescription: "a certificate for a DNS name fails when the server is addressed by IP",
            serverCertificate: .dnsNameOnly, failure: "failedToValidateHostname"),
        Case(
            testDescription: "tls-server-name verifies an IP-addressed server against its DNS name",
            serverCertificate: .dnsNameOnly, serverName: "kube.test"),
        Case(
            testDescription: "a wrong tls-server-name fails",
            serverCertificate: .dnsNameOnly, serverName: "other.test", failure: "failedToValidateHostname"),
    ]

    @Test("requests succeed or fail at the TLS handshake as configured", arguments: cases)
    func request(_ row: Case) async throws {
        let pki = try TestPKI.shared()
        let serverPair = row.serverCertificate == .ipAndLocalhost ? pki.server : pki.serverForDNSNameOnly
        try await withMutualTLSServer(pki: pki, certificate: serverPair) { port in
            let url = try #require(URL(string: "https://\(row.host):\(port)"))
            let configuration = ClientConfiguration(server: url, tls: row.settings(pki))
            let outcome = await get(configuration, path: "/version")
            switch (outcome, row.failure) {
            case (.success(let body), nil):
                #expect(body == "vigil-test")
            case (.success, let expected?):
                Issue.record("request succeeded but should have failed with \(expected)")
            case (.failure(let error), nil):
                Issue.record("request failed: \(error)")
            case (.failure(let error), let expected?):
                let text = String(reflecting: error)
                #expect(text.contains(expected), "\(text)")
            }
        }
    }

    @Test("a kubeconfig with inline certificates reaches the server")
    func kubeconfigEndToEnd() async throws {
        let pki = try TestPKI.shared()
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        try await withMutualTLSServer(pki: pki, certificate: pki.server) { port in
            let path = try directory.write("config", text: """
                clusters:
                - name: local
                  cluster:
                    server: https://127.0.0.1:\(port)
                    certificate-authority-data: \(Data(pki.authority.certificatePEM).base64EncodedString())
                users:
                - name: admin
                  user:
                    client-certificate-data: \(Data(pki.client.certificatePEM).base64EncodedString())
                    client-key-data: \(Data(pki.client.keyPEM).base64EncodedString())
                contexts:
                - {name: local, context: {cluster: local, user: admin}}
                current-context: local
                """)
            let configuration = try Kubeconfig.load(explicitPath: path, environment: [:], context: nil)
            let body = try await get(configuration, path: "/version").get()
            #expect(body == "vigil-test")
        }
    }

    // MARK: - Helpers

    /// GETs `path` with a client built the way the Kubernetes client builds one. A handshake
    /// the client rejects is retried by AsyncHTTPClient until the deadline, which then
    /// reports the TLS error; the short deadline keeps those cases quick.
    private func get(_ configuration: ClientConfiguration, path: String) async -> Result<String, any Error> {
        do {
            var httpConfiguration = HTTPClient.Configuration(
                tlsConfiguration: try configuration.tls.makeTLSConfiguration())
            httpConfiguration.dnsOverride = configuration.dnsOverride
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
            let result: Result<String, any Error>
            do {
                let request = HTTPClientRequest(url: configuration.requestBaseURL.absoluteString + path)
                let response = try await client.execute(request, timeout: .seconds(5))
                let body = try await response.body.collect(upTo: 1 << 16)
                result =
                    response.status == .ok
                    ? .success(String(buffer: body)) : .failure(UnexpectedStatus(code: response.status.code))
            } catch {
                result = .failure(error)
            }
            try await client.shutdown()
            return result
        } catch {
            return .failure(error)
        }
    }

    struct UnexpectedStatus: Error { var code: UInt }

    /// Runs an HTTPS server requiring client certificates from the test CA for the
    /// duration of `body`, passing it the port.
    private func withMutualTLSServer(
        pki: TestPKI, certificate: TestPKI.Pair, _ body: @Sendable (Int) async throws -> Void
    ) async throws {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(certificate.certificatePEM).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: certificate.keyPEM, format: .pem)))
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(pki.authority.certificatePEM))
        // Require and verify a client certificate; clients have no host name to check.
        tls.certificateVerification = .noHostnameVerification

        let router = Router()
        router.get("version") { _, _ in "vigil-test" }
        var logger = Logger(label: "vigil.test.mtls")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            defer { group.cancelAll() }
            try await body(port)
        }
    }
}
