import Foundation
import Testing

@testable import KubernetesClient
import VigilTestSupport

/// One row of the kubeconfig loading table: files laid out in a temporary directory, how
/// they are found (flag, `KUBECONFIG`, or `HOME`), and what must come out.
///
/// In file contents and expectations, `{{DIR}}` is the temporary directory and
/// `{{CA_DATA}}`, `{{CERT_DATA}}`, `{{KEY_DATA}}` the base64 of the test CA, client
/// certificate and client key. Every directory also holds `pki/ca.crt`, `pki/client.crt`,
/// `pki/client.key`.
struct KubeconfigCase: Sendable, CustomTestStringConvertible {
    enum Lookup: Sendable {
        case explicit(String)
        case variable([String])
        /// `--kubeconfig` given while `KUBECONFIG` is set as well.
        case explicitDespiteVariable(String, [String])
        case home
    }

    enum ExpectedCredentials: Sendable, Equatable {
        case none
        case token(String)
        /// Path with `{{DIR}}`, and the token the file holds.
        case tokenFile(path: String, token: String)
        case basic(String, String)
    }

    struct Expected: Sendable {
        var server: String
        var namespace = "default"
        var credentials = ExpectedCredentials.none
        var trustsTestAuthority = false
        var presentsClientCertificate = false
        var insecureSkipVerify = false
        var serverName: String? = nil
    }

    enum Outcome: Sendable {
        case loads(Expected)
        /// The exact error description.
        case fails(String)
        /// Fragments the error description must contain (for messages partly from libyaml).
        case failsMentioning([String])
    }

    var name: String
    var files: [String: String]
    var lookup: Lookup = .explicit("config")
    var context: String? = nil
    var outcome: Outcome

    var testDescription: String { name }
}

extension KubeconfigCase {
    func run() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let pki = try TestPKI.shared()
        try directory.write("pki/ca.crt", pki.authority.certificatePEM)
        try directory.write("pki/client.crt", pki.client.certificatePEM)
        try directory.write("pki/client.key", pki.client.keyPEM)
        let substitutions = [
            "{{DIR}}": directory.path,
            "{{CA_DATA}}": Data(pki.authority.certificatePEM).base64EncodedString(),
            "{{CERT_DATA}}": Data(pki.client.certificatePEM).base64EncodedString(),
            "{{KEY_DATA}}": Data(pki.client.keyPEM).base64EncodedString(),
        ]
        func fill(_ text: String) -> String {
            substitutions.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        for (path, contents) in files {
            try directory.write(path, text: fill(contents))
        }
        var explicitPath: String?
        var environment = ["HOME": "/nonexistent-home"]
        switch lookup {
        case .explicit(let path):
            explicitPath = directory.url.appendingPathComponent(path).path
        case .variable(let paths):
            environment["KUBECONFIG"] = paths.map { directory.url.appendingPathComponent($0).path }
                .joined(separator: ":")
        case .explicitDespiteVariable(let path, let paths):
            explicitPath = directory.url.appendingPathComponent(path).path
            environment["KUBECONFIG"] = paths.map { directory.url.appendingPathComponent($0).path }
                .joined(separator: ":")
        case .home:
            environment["HOME"] = directory.path
        }

        let result = Result { () throws(ConfigurationError) -> ClientConfiguration in
            try Kubeconfig.load(explicitPath: explicitPath, environment: environment, context: context)
        }
        switch (outcome, result) {
        case (.loads(let expected), .success(let configuration)):
            try check(configuration, against: expected, fill: fill, pki: pki)
        case (.fails(let message), .failure(let error)):
            #expect(error.description == fill(message))
        case (.failsMentioning(let fragments), .failure(let error)):
            for fragment in fragments {
                #expect(error.description.contains(fill(fragment)), "\(error.description)")
            }
        case (.loads, .failure(let error)):
            Issue.record("expected a configuration, got error: \(error)")
        case (_, .success(let configuration)):
            Issue.record("expected an error, got a configuration for \(configuration.server)")
        }
    }

    private func check(
        _ configuration: ClientConfiguration, against expected: Expected, fill: (String) -> String, pki: TestPKI
    ) throws {
        #expect(configuration.server.absoluteString == expected.server)
        #expect(configuration.namespace == expected.namespace)
        #expect(configuration.tls.insecureSkipVerify == expected.insecureSkipVerify)
        #expect(configuration.tls.serverName == expected.serverName)
        let trustsTestAuthority = configuration.tls.certificateAuthorityPEM == pki.authority.certificatePEM
        #expect(trustsTestAuthority == expected.trustsTestAuthority)
        if expected.presentsClientCertificate {
            #expect(configuration.tls.clientCertificatePEM == pki.client.certificatePEM)
            #expect(configuration.tls.clientKeyPEM == pki.client.keyPEM)
        } else {
            #expect(configuration.tls.clientCertificatePEM == nil)
            #expect(configuration.tls.clientKeyPEM == nil)
        }
        switch (expected.credentials, configuration.credentials) {
        case (.none, .none):
            break
        case (.token(let want), .bearerToken(let got)):
            #expect(got == want)
        case (.tokenFile(let path, let token), .bearerTokenFile(let file)):
            #expect(file.path == fill(path))
            #expect(try file.token() == token)
        case (.basic(let user, let password), .basic(let gotUser, let gotPassword)):
            #expect(gotUser == user && gotPassword == password)
        default:
            Issue.record("expected credentials \(expected.credentials), got \(configuration.credentials)")
        }
        // Whatever loaded must also make a usable TLS configuration.
        _ = try configuration.tls.makeTLSConfiguration()
    }
}
