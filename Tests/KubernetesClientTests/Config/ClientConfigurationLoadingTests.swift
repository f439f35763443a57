import Foundation
import Testing

@testable import KubernetesClient
import VigilTestSupport

@Suite("Choosing kubeconfig or in-cluster configuration")
struct ClientConfigurationLoadingTests {
    /// A directory with a kubeconfig at `home/.kube/config` and a service account at `sa/`.
    private func fixture() throws -> ConfigTestDirectory {
        let directory = try ConfigTestDirectory()
        try directory.write("home/.kube/config", text: """
            clusters: [{name: c, cluster: {server: "https://from-kubeconfig.example"}}]
            contexts: [{name: x, context: {cluster: c}}]
            current-context: x
            """)
        try directory.write("sa/ca.crt", try TestPKI.shared().authority.certificatePEM)
        try directory.write("sa/token", text: "pod-token")
        return directory
    }

    private let pod = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    @Test("a kubeconfig that exists is used even inside a pod")
    func kubeconfigFirst() throws {
        let directory = try fixture()
        defer { directory.remove() }
        var environment = pod
        environment["HOME"] = directory.url.appendingPathComponent("home").path
        let configuration = try ClientConfiguration.load(
            kubeconfigPath: nil, context: nil, environment: environment,
            serviceAccountDirectory: directory.url.appendingPathComponent("sa").path)
        #expect(configuration.server.absoluteString == "https://from-kubeconfig.example")
    }

    @Test("without any kubeconfig a pod uses its service account")
    func inClusterFallback() throws {
        let directory = try fixture()
        defer { directory.remove() }
        var environment = pod
        environment["HOME"] = directory.url.appendingPathComponent("nowhere").path
        let configuration = try ClientConfiguration.load(
            kubeconfigPath: nil, context: nil, environment: environment,
            serviceAccountDirectory: directory.url.appendingPathComponent("sa").path)
        #expect(configuration.server.absoluteString == "https://10.96.0.1:443")
        #expect(try configuration.credentials.authorizationHeader() == "Bearer pod-token")
    }

    @Test("outside a pod a missing kubeconfig is the error")
    func noSource() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try ClientConfiguration.load(kubeconfigPath: nil, context: nil, environment: ["HOME": "/nonexistent"])
        }
        #expect(error?.file == "/nonexistent/.kube/config")
    }

    @Test("an explicit kubeconfig or context never falls back to the service account")
    func noFallbackWhenAsked() throws {
        let directory = try fixture()
        defer { directory.remove() }
        let serviceAccount = directory.url.appendingPathComponent("sa").path
        let missing = directory.url.appendingPathComponent("missing").path
        let explicit = #expect(throws: ConfigurationError.self) {
            try ClientConfiguration.load(
                kubeconfigPath: missing, context: nil, environment: pod, serviceAccountDirectory: serviceAccount)
        }
        #expect(explicit?.description == "\(missing): cannot read kubeconfig file")

        var environment = pod
        environment["HOME"] = "/nonexistent"
        #expect(throws: ConfigurationError.self) {
            try ClientConfiguration.load(
                kubeconfigPath: nil, context: "prod", environment: environment, serviceAccountDirectory: serviceAccount)
        }
    }

    @Test(
        "credentials become the Authorization header",
        arguments: [
            (Credentials.none, nil),
            (.bearerToken("abc"), "Bearer abc"),
            (.basic(username: "admin", password: "secret"), "Basic YWRtaW46c2VjcmV0"),
        ] as [(Credentials, String?)])
    func authorizationHeader(credentials: Credentials, expected: String?) throws {
        #expect(try credentials.authorizationHeader() == expected)
    }
}
