import Foundation
import KubernetesClient
import Testing
@testable import Operator
import VigilTestSupport

/// The configuration Secret: `prometheus.yaml.gz` always (prometheus-operator's key), the
/// plain `prometheus.yaml` while both fit in the API server's 1 MiB.
@Suite("configuration Secret")
struct ConfigSecretTests {
    /// Decompresses with the system's `gzip`, an independent implementation.
    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("config.gz")
        try Data(bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-d", file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GunzipFailed(status: process.terminationStatus) }
        return Array(try Data(contentsOf: directory.appendingPathComponent("config")))
    }

    struct GunzipFailed: Error { var status: Int32 }

    @Test("gzip output is read back by gzip -d", arguments: [0, 1, 1_000, 300_000])
    func gzipRoundTrip(size: Int) throws {
        var random = VigilTestSupport.SplitMix64(seed: UInt64(size))
        let words = ["job_name", "serviceMonitor/", "relabel_configs:", "- source_labels:", "__meta_kubernetes_", "\n  "]
        var text = ""
        while text.utf8.count < size { text += words[Int(random.next() % UInt64(words.count))] }
        let input = Array(text.utf8.prefix(size))
        let compressed = try Gzip.compress(input)
        #expect(compressed.prefix(2) == [0x1f, 0x8b])
        #expect(try Self.gunzip(compressed) == input)
        if size >= 1_000 { #expect(compressed.count < input.count / 3) }
    }

    static func secret(_ h: ControllerTests.Harness) async throws -> Secret? {
        try await h.cluster.get(Secret.self, ObjectKey(namespace: "vigil-system", name: OperatorOptions.configSecretName))
    }

    static func decoded(_ secret: Secret?, _ key: String) -> [UInt8]? {
        secret?.data?[key].flatMap { Data(base64Encoded: $0) }.map { Array($0) }
    }

    @Test("a small configuration is in the Secret plain and gzipped, with the same text")
    func bothKeys() async throws {
        try await ControllerTests.Harness.run { h in
            _ = try await h.cluster.apply(Fixture.monitor())
            #expect(try await eventually { try await h.config().contains("job_name: serviceMonitor/") })
            let secret = try await Self.secret(h)
            let plain = try #require(Self.decoded(secret, OperatorOptions.configSecretKey))
            let compressed = try #require(Self.decoded(secret, OperatorOptions.compressedConfigSecretKey))
            #expect(try Self.gunzip(compressed) == plain)
            #expect(secret?.metadata.annotations?["vigil.dev/config-hash"]?.hasPrefix("fnv1a64:") == true)
        }
    }

    @Test("past the limit only the gzipped configuration is written; past it even gzipped, nothing is and monitors say why")
    func overTheLimit() async throws {
        var options = OperatorOptions(operatorNamespace: "vigil-system", statusResync: .milliseconds(200))
        options.configSecretLimit = 2_000
        try await ControllerTests.Harness.run(options: options) { h in
            _ = try await h.cluster.apply(Fixture.monitor())
            #expect(try await eventually {
                guard let compressed = Self.decoded(try await Self.secret(h), OperatorOptions.compressedConfigSecretKey)
                else { return false }
                return String(decoding: (try? Self.gunzip(compressed)) ?? [], as: UTF8.self).contains("job_name: serviceMonitor/")
            })
            let secret = try await Self.secret(h)
            #expect(secret?.data?[OperatorOptions.configSecretKey] == nil)
            #expect(Int(secret?.metadata.annotations?["vigil.dev/config-bytes"] ?? "") ?? 0 > 2_000)
        }
        options.configSecretLimit = 100
        try await ControllerTests.Harness.run(options: options) { h in
            let monitor = try await h.cluster.apply(Fixture.monitor())
            #expect(try await eventually {
                try await h.conditions(of: monitor.key)[.accepted]?.reason == .configurationTooLarge
            })
            let accepted = try await h.conditions(of: monitor.key)[.accepted]
            #expect(accepted?.status == .false)
            #expect(accepted?.message.contains("exceeds the Secret limit of 100 bytes") == true)
            #expect(try await Self.secret(h) == nil, "a Secret the API server would refuse is not written")
        }
    }
}
