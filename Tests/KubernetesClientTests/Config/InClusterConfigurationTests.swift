import Foundation
import Testing

@testable import KubernetesClient
import VigilTestSupport

@Suite("In-cluster configuration")
struct InClusterConfigurationTests {
    /// A service-account directory like the kubelet mounts.
    private func serviceAccount(token: String = "sa-token", namespace: String? = "monitoring") throws
        -> ConfigTestDirectory
    {
        let directory = try ConfigTestDirectory()
        try directory.write("ca.crt", try TestPKI.shared().authority.certificatePEM)
        try directory.write("token", text: token + "\n")
        if let namespace { try directory.write("namespace", text: namespace) }
        return directory
    }

    private let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    @Test("reads server, CA, token and namespace from the pod's environment and files")
    func loadsEverything() throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        let configuration = try InClusterConfiguration.load(
            environment: environment, serviceAccountDirectory: directory.path)
        #expect(configuration.server.absoluteString == "https://10.96.0.1:443")
        #expect(configuration.namespace == "monitoring")
        #expect(configuration.tls.certificateAuthorityPEM == (try TestPKI.shared().authority.certificatePEM))
        #expect(configuration.tls.insecureSkipVerify == false)
        guard case .bearerTokenFile(let file) = configuration.credentials else {
            Issue.record("expected a token file, got \(configuration.credentials)")
            return
        }
        #expect(try file.token() == "sa-token")
        #expect(file.path == directory.url.appendingPathComponent("token").path)
        _ = try configuration.tls.makeTLSConfiguration()
    }

    @Test(
        "brackets an IPv6 service host",
        arguments: [("fd00:10:96::1", "https://[fd00:10:96::1]:443"), ("[fd00::1]", "https://[fd00::1]:443")])
    func ipv6Host(host: String, expected: String) throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        let configuration = try InClusterConfiguration.load(
            environment: ["KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": "443"],
            serviceAccountDirectory: directory.path)
        #expect(configuration.server.absoluteString == expected)
    }

    @Test("POD_NAMESPACE wins over the namespace file, and default is the last resort")
    func namespaceSources() throws {
        let withFile = try serviceAccount(namespace: "from-file")
        defer { withFile.remove() }
        var environment = self.environment
        environment["POD_NAMESPACE"] = "from-env"
        #expect(
            try InClusterConfiguration.load(environment: environment, serviceAccountDirectory: withFile.path)
                .namespace == "from-env")

        let withoutFile = try serviceAccount(namespace: nil)
        defer { withoutFile.remove() }
        #expect(
            try InClusterConfiguration.load(environment: self.environment, serviceAccountDirectory: withoutFile.path)
                .namespace == "default")
    }

    @Test("outside a cluster the error says so", arguments: [[:], ["KUBERNETES_SERVICE_HOST": "10.0.0.1"]])
    func notInCluster(environment: [String: String]) throws {
        #expect(!InClusterConfiguration.isAvailable(environment: environment))
        let error = #expect(throws: ConfigurationError.self) {
            try InClusterConfiguration.load(environment: environment, serviceAccountDirectory: "/nonexistent")
        }
        #expect(error?.message.hasPrefix("not running in a Kubernetes cluster") == true)
    }

    @Test("a missing token file is an error naming it")
    func missingToken() throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("token"))
        let error = #expect(throws: ConfigurationError.self) {
            try InClusterConfiguration.load(environment: environment, serviceAccountDirectory: directory.path)
        }
        #expect(error?.file == directory.url.appendingPathComponent("token").path)
    }

    @Test("a missing or invalid ca.crt is an error naming it")
    func badAuthority() throws {
        let directory = try serviceAccount()
        defer { directory.remove() }
        let caPath = directory.url.appendingPathComponent("ca.crt").path
        try directory.write("ca.crt", text: "not a certificate")
        let invalid = #expect(throws: ConfigurationError.self) {
            try InClusterConfiguration.load(environment: environment, serviceAccountDirectory: directory.path)
        }
        #expect(invalid?.file == caPath)
        #expect(invalid?.field == "ca.crt")

        try FileManager.default.removeItem(atPath: caPath)
        let missing = #expect(throws: ConfigurationError.self) {
            try InClusterConfiguration.load(environment: environment, serviceAccountDirectory: directory.path)
        }
        #expect(missing?.description == "\(caPath): cannot read the service account CA certificate")
    }

    @Test("a rotated service-account token is used after the refresh interval")
    func tokenRotation() throws {
        let directory = try serviceAccount(token: "before")
        defer { directory.remove() }
        let time = SteppedTime()
        let configuration = try InClusterConfiguration.load(
            environment: environment, serviceAccountDirectory: directory.path,
            tokenRefreshInterval: .seconds(60), now: time.now)
        guard case .bearerTokenFile(let file) = configuration.credentials else {
            Issue.record("expected a token file")
            return
        }
        try directory.write("token", text: "after")
        #expect(try file.token() == "before")
        time.advance(by: .seconds(61))
        #expect(try file.token() == "after")
    }
}
