import AsyncHTTPClient
import Foundation
import KubernetesClient
@testable import Operator
import Scrape
import Testing
import TSDB
import VigilTestSupport

/// ServiceMonitor `tlsConfig` in the embedded engine, against a real HTTPS target
/// (`openssl s_server`) with certificates from ``TestPKI``.
@Suite("engine scrapes over TLS with the monitor's tlsConfig")
struct EngineTLSTests {
    static let namespace = "secure"
    static let body = "tls_probe_total 3\n"

    static func opensslAvailable() -> Bool {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") { return true }
        if SharedData.isCI { Issue.record("/usr/bin/openssl is required when CI=true") }
        return false
    }

    /// Runs `body` with an `openssl s_server` HTTPS target serving ``body`` at `/metrics`
    /// (asking for a client certificate signed by the test authority when required), stopped
    /// afterwards; does nothing where openssl is missing outside CI.
    static func withServer(requiringClientCertificate: Bool = false,
                           _ body: (TestPKI, OpenSSLWebServer) async throws -> Void) async throws {
        guard opensslAvailable() else { return }
        let pki = try TestPKI.shared()
        let server = try OpenSSLWebServer(certificate: pki.server, files: ["metrics": Self.body],
                                          clientAuthority: requiringClientCertificate ? pki.authority : nil)
        defer { server.stop() }
        try await server.waitUntilListening()
        try await body(pki, server)
    }

    struct Harness {
        let cluster: InMemoryCluster
        let engine: ScrapeEngine
        let monitorKey = ObjectKey(namespace: EngineTLSTests.namespace, name: "web")

        func conditions() async throws -> [Condition] {
            Fixture.conditions(try await cluster.get(ServiceMonitorObject.self, monitorKey)?.status)
        }

        /// Applies the monitor with `tlsConfig` on its one endpoint.
        func applyMonitor(tlsConfig: JSONValue) async throws {
            try await cluster.apply(ServiceMonitorObject(
                metadata: ObjectMeta(name: monitorKey.name, namespace: monitorKey.namespace),
                spec: ["selector": ["matchLabels": ["app": "web"]],
                       "endpoints": [["port": "https", "scheme": "https", "interval": "1s", "tlsConfig": tlsConfig]]]))
        }

        func applySecret(_ name: String, _ values: [String: String]) async throws {
            try await cluster.apply(Secret(metadata: ObjectMeta(name: name, namespace: EngineTLSTests.namespace),
                                           data: values.mapValues { Data($0.utf8).base64EncodedString() }))
        }

        func applyConfigMap(_ name: String, _ values: [String: String]) async throws {
            try await cluster.apply(ConfigMap(metadata: ObjectMeta(name: name, namespace: EngineTLSTests.namespace),
                                              data: values))
        }

        /// A Service `web` with port `https` and one ready endpoint at `127.0.0.1:port`,
        /// the engine on a real HTTP client, and the controller, while `body` runs.
        static func run(port: Int, _ body: (Harness) async throws -> Void) async throws {
            let cluster = InMemoryCluster()
            let http = HTTPClient(eventLoopGroupProvider: .singleton,
                                  configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
            let engine = ScrapeEngine(storage: TimeSeriesStore(), client: try HTTPScrapeClient(httpClient: http),
                                      now: { Int64(Date().timeIntervalSince1970 * 1000) }, logger: quietLogger)
            let controller = Controller(cluster: cluster, engine: engine,
                                        options: OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(200)),
                                        logger: quietLogger)
            try await cluster.apply(Namespace(metadata: ObjectMeta(name: EngineTLSTests.namespace)))
            try await cluster.apply(Service(
                metadata: ObjectMeta(name: "web", namespace: EngineTLSTests.namespace, labels: ["app": "web"]),
                spec: ServiceSpec(selector: ["app": "web"], ports: [ServicePort(name: "https", port: Int32(port))])))
            var slicePort = EndpointSlice.Port(name: "https", port: Int32(port))
            slicePort.protocol = "TCP"
            try await cluster.apply(EndpointSlice(
                metadata: ObjectMeta(name: "web-abc", namespace: EngineTLSTests.namespace,
                                     labels: ["kubernetes.io/service-name": "web"]),
                endpoints: [EndpointSlice.Endpoint(addresses: ["127.0.0.1"], conditions: EndpointSlice.Conditions(ready: true))],
                ports: [slicePort]))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await engine.run() }
                    group.addTask { await controller.run() }
                    defer { group.cancelAll() }
                    try await body(Harness(cluster: cluster, engine: engine))
                }
            } catch {
                engine.shutDown()
                try await http.shutdown()
                throw error
            }
            engine.shutDown()
            try await http.shutdown()
        }
    }

    /// How one case configures TLS: Secrets/ConfigMaps to create and the `tlsConfig`.
    struct Setup: Sendable, CustomTestStringConvertible {
        var name: String
        var requireClientCertificate = false
        var make: @Sendable (TestPKI, URL) throws -> (secrets: [String: [String: String]], configMaps: [String: [String: String]],
                                                     tlsConfig: JSONValue)
        var testDescription: String { name }
    }

    static let upCases: [Setup] = [
        Setup(name: "CA from a Secret") { pki, _ in
            (["web-ca": ["ca.crt": pki.authority.certificate]], [:],
             ["ca": ["secret": ["name": "web-ca", "key": "ca.crt"]]])
        },
        Setup(name: "CA from a ConfigMap") { pki, _ in
            ([:], ["web-ca": ["ca.crt": pki.authority.certificate]],
             ["ca": ["configMap": ["name": "web-ca", "key": "ca.crt"]]])
        },
        Setup(name: "CA from a local caFile") { pki, directory in
            let path = directory.appendingPathComponent("ca.crt")
            try Data(pki.authority.certificatePEM).write(to: path)
            return ([:], [:], ["caFile": .string(path.path)])
        },
        Setup(name: "insecureSkipVerify without any CA") { _, _ in
            ([:], [:], ["insecureSkipVerify": true])
        },
        Setup(name: "mutual TLS with cert and keySecret", requireClientCertificate: true) { pki, _ in
            (["web-tls": ["ca.crt": pki.authority.certificate, "tls.crt": pki.client.certificate,
                          "tls.key": pki.client.key]], [:],
             ["ca": ["secret": ["name": "web-tls", "key": "ca.crt"]],
              "cert": ["secret": ["name": "web-tls", "key": "tls.crt"]],
              "keySecret": ["name": "web-tls", "key": "tls.key"]])
        },
    ]

    @Test("an HTTPS target is up when the monitor's TLS settings trust it", arguments: upCases)
    func targetUp(_ setup: Setup) async throws {
        try await Self.withServer(requiringClientCertificate: setup.requireClientCertificate) { pki, server in
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let (secrets, configMaps, tlsConfig) = try setup.make(pki, scratch)
            try await Harness.run(port: server.port) { h in
                for (name, values) in secrets { try await h.applySecret(name, values) }
                for (name, values) in configMaps { try await h.applyConfigMap(name, values) }
                try await h.applyMonitor(tlsConfig: tlsConfig)
                let healthy = try await eventually {
                    try await h.conditions()[.targetsHealthy]?.status == .true
                }
                let conditions = try await h.conditions()
                #expect(healthy, "\(conditions.map { "\($0.type.rawValue)=\($0.status.rawValue): \($0.message)" })")
                #expect(conditions[.accepted]?.status == .true)
                let health = h.engine.targetHealth(job: "serviceMonitor/secure/web/0")
                #expect(health.map(\.state) == [.up])
            }
        }
    }

    @Test("a CA that did not sign the server's certificate leaves the target down with a tls: reason")
    func wrongAuthority() async throws {
        try await Self.withServer { pki, server in
            try await Harness.run(port: server.port) { h in
                try await h.applySecret("web-ca", ["ca.crt": pki.otherAuthority.certificate])
                try await h.applyMonitor(tlsConfig: ["ca": ["secret": ["name": "web-ca", "key": "ca.crt"]]])
                #expect(try await eventually {
                    try await h.conditions()[.targetsHealthy]?.reason == .targetsDown
                })
                let message = try await h.conditions()[.targetsHealthy]?.message ?? ""
                #expect(message.contains("127.0.0.1:\(server.port) down: "), "\(message)")
                #expect(message.contains("tls: failed to verify certificate"), "\(message)")
                #expect(try await h.conditions()[.accepted]?.status == .true)
            }
        }
    }

    @Test("a missing CA key rejects the monitor naming the field; creating the Secret then recovers it")
    func missingKeyThenFixed() async throws {
        try await Self.withServer { pki, server in
            try await Harness.run(port: server.port) { h in
                try await h.applyConfigMap("web-ca", ["other.crt": pki.authority.certificate])
                try await h.applyMonitor(tlsConfig: ["ca": ["configMap": ["name": "web-ca", "key": "ca.crt"]]])
                #expect(try await eventually {
                    try await h.conditions()[.accepted]?.status == .false
                })
                let accepted = try #require(try await h.conditions()[.accepted])
                #expect(accepted.reason == .invalidConfiguration)
                #expect(accepted.message.contains("spec.endpoints[0].tlsConfig.ca.configMap"), "\(accepted.message)")
                #expect(h.engine.jobNames.isEmpty)

                // The monitor is not requeued on its own; the ConfigMap change must bring it back.
                try await h.applyConfigMap("web-ca", ["ca.crt": pki.authority.certificate])
                #expect(try await eventually {
                    try await h.conditions()[.ready]?.status == .true
                })
            }
        }
    }

    @Test("text that is not PEM rejects the monitor naming the field instead of failing in the engine",
          arguments: [
              ("ca", "not a certificate", "spec.endpoints[0].tlsConfig.ca.secret"),
              ("key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "spec.endpoints[0].tlsConfig.keySecret"),
          ])
    func invalidPEM(part: String, text: String, field: String) async throws {
        guard Self.opensslAvailable() else { return }
        let pki = try TestPKI.shared()
        try await Harness.run(port: 1) { h in
            var values = ["ca.crt": pki.authority.certificate, "tls.crt": pki.client.certificate, "tls.key": pki.client.key]
            values[part == "ca" ? "ca.crt" : "tls.key"] = text
            try await h.applySecret("web-tls", values)
            try await h.applyMonitor(tlsConfig: [
                "ca": ["secret": ["name": "web-tls", "key": "ca.crt"]],
                "cert": ["secret": ["name": "web-tls", "key": "tls.crt"]],
                "keySecret": ["name": "web-tls", "key": "tls.key"],
            ])
            #expect(try await eventually {
                try await h.conditions()[.accepted]?.status == .false
            })
            let message = try await h.conditions()[.accepted]?.message ?? ""
            #expect(message.hasPrefix(field + ": secret \"secure/web-tls\""), "\(message)")
            #expect(message.contains("invalid PEM") || message.contains("no PEM"), "\(message)")
        }
    }

    @Test("a caFile the operator cannot read leaves the target down saying so; the monitor stays accepted")
    func unreadableFile() async throws {
        try await Self.withServer { pki, server in
            try await Harness.run(port: server.port) { h in
                try await h.applyMonitor(tlsConfig: ["caFile": "/nonexistent/vigil/ca.crt"])
                #expect(try await eventually {
                    try await h.conditions()[.targetsHealthy]?.reason == .targetsDown
                })
                let message = try await h.conditions()[.targetsHealthy]?.message ?? ""
                #expect(message.contains("tls: tls_config.ca_file \"/nonexistent/vigil/ca.crt\" cannot be loaded"), "\(message)")
                #expect(try await h.conditions()[.accepted]?.status == .true)
            }
        }
    }
}
