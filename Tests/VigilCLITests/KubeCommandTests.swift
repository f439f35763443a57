import FakeKubernetesAPIServer
import Foundation
import Logging
import Testing
import VigilTestSupport

@Suite("vigil kube", .serialized)
struct KubeCommandTests {
    /// Starts a fake API server with a few objects and writes a kubeconfig for it.
    static func withCluster(_ body: (String) async throws -> Void) async throws {
        var logger = Logger(label: "fake")
        logger.logLevel = .critical
        let server = FakeAPIServer(logger: logger)
        let baseURL = try await server.start()
        let pods = [FakeResource].builtIn.first { $0.plural == "pods" }!
        try server.createNamespace("kthena")
        for (namespace, name) in [("kthena", "inference-0"), ("kthena", "inference-1"), ("default", "web")] {
            try server.seed(pods, ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": ["app": .string(name.hasPrefix("inference") ? "kthena" : "web")]]])
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let kubeconfig = directory.appendingPathComponent("config")
        try """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: \(baseURL)
        users:
        - name: tester
          user:
            token: abc
        contexts:
        - name: fake
          context: {cluster: fake, user: tester, namespace: kthena}
        current-context: fake
        """.write(to: kubeconfig, atomically: true, encoding: .utf8)
        do {
            try await body(kubeconfig.path)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    @Test("--version and --help work")
    func versionAndHelp() async throws {
        let version = try await VigilBinary.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.contains("0.1.0"))
        let help = try await VigilBinary.run(["--help"])
        #expect(help.stdout.contains("kube"))
    }

    @Test("get pods -A prints a table of every namespace")
    func getPodsAllNamespaces() async throws {
        try await Self.withCluster { kubeconfig in
            let output = try await VigilBinary.run(["kube", "get", "pods", "-A", "--kubeconfig", kubeconfig])
            #expect(output.status == 0, "\(output.stderr)")
            let lines = output.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("NAMESPACE") == true)
            #expect(lines.count == 4)
            #expect(lines.contains { $0.hasPrefix("kthena") && $0.contains("inference-1") })
        }
    }

    @Test("get uses the context's namespace, selectors and JSON output")
    func getJSON() async throws {
        try await Self.withCluster { kubeconfig in
            let output = try await VigilBinary.run(["kube", "get", "po", "-l", "app=kthena", "-o", "json"], environment: ["KUBECONFIG": kubeconfig])
            #expect(output.status == 0, "\(output.stderr)")
            let list = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            let items = list?["items"] as? [[String: Any]]
            #expect(items?.count == 2)
            let yaml = try await VigilBinary.run(["kube", "get", "pods", "web", "-n", "default", "-o", "yaml", "--kubeconfig", kubeconfig])
            #expect(yaml.stdout.contains("name: web"))
        }
    }

    @Test("errors are clear: unknown resource, missing object, unreachable server")
    func clearErrors() async throws {
        try await Self.withCluster { kubeconfig in
            let unknown = try await VigilBinary.run(["kube", "get", "gizmos", "--kubeconfig", kubeconfig])
            #expect(unknown.status != 0)
            #expect(unknown.stderr.contains("unknown resource \"gizmos\""))
            let missing = try await VigilBinary.run(["kube", "get", "pods", "nope", "--kubeconfig", kubeconfig])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("not found"))
        }
        let noConfig = try await VigilBinary.run(["kube", "get", "pods", "--kubeconfig", "/nonexistent/config"])
        #expect(noConfig.status != 0)
        #expect(noConfig.stderr.contains("/nonexistent/config"))
    }
}
