import Foundation
import Monitoring
import Testing
import Yams

/// One golden case under `Tests/MonitoringTests/Golden/scrape/<name>/`:
/// `input.yaml` (ServiceMonitors and Secrets/ConfigMaps, `---`-separated), optional
/// `options.yaml` (generator options) and `expected.yaml` (the emitted job list).
struct ScrapeGoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    let directory: URL

    var testDescription: String { name }

    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/scrape")

    static func all() throws -> [ScrapeGoldenCase] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
            .filter { FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/input.yaml").path) }
            .map { ScrapeGoldenCase(name: $0, directory: root.appendingPathComponent($0)) }
    }

    func text(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    func hasFile(_ file: String) -> Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path)
    }

    /// The monitors and the secret values of `input.yaml`.
    func inputs() throws -> (monitors: [ServiceMonitor], secrets: SecretLookup) {
        var monitors: [ServiceMonitor] = []
        var values: [SecretLookup.Reference: String] = [:]
        for document in try text("input.yaml").components(separatedBy: "\n---\n") {
            let probe = try YAMLDecoder().decode(KindProbe.self, from: document)
            switch probe.kind {
            case "ServiceMonitor":
                monitors.append(try ServiceMonitor(yaml: document))
            case "Secret", "ConfigMap":
                let object = try YAMLDecoder().decode(DataObject.self, from: document)
                let source: SecretLookup.Reference.Source = probe.kind == "Secret" ? .secret : .configMap
                for (key, value) in object.stringData ?? object.data ?? [:] {
                    values[.init(source, namespace: object.metadata.namespace, name: object.metadata.name, key: key)] = value
                }
            default:
                throw GoldenFailure(message: "\(name): unexpected kind \(probe.kind)")
            }
        }
        return (monitors, SecretLookup(values: values))
    }

    func options() throws -> GeneratorOptions {
        guard hasFile("options.yaml") else { return GeneratorOptions() }
        return try YAMLDecoder().decode(GoldenOptions.self, from: text("options.yaml")).generatorOptions
    }

    /// Compares `actual` with `expected.yaml`, or rewrites it when `VIGIL_UPDATE_GOLDEN=1`.
    func difference(from actual: String, file: String = "expected.yaml") throws -> String? {
        if ProcessInfo.processInfo.environment["VIGIL_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8)
            return nil
        }
        return Self.difference(expected: try text(file), actual: actual)
    }

    /// nil when equal; otherwise the first differing line with some context.
    static func difference(expected: String, actual: String) -> String? {
        guard expected != actual else { return nil }
        let expectedLines = expected.components(separatedBy: "\n")
        let actualLines = actual.components(separatedBy: "\n")
        let common = min(expectedLines.count, actualLines.count)
        let first = (0..<common).first { expectedLines[$0] != actualLines[$0] } ?? common
        func excerpt(_ lines: [String]) -> String {
            lines[max(0, first - 3)..<min(lines.count, first + 4)].enumerated()
                .map { "  \(max(0, first - 3) + $0.offset + 1)\(max(0, first - 3) + $0.offset == first ? ">" : ":") \($0.element)" }
                .joined(separator: "\n")
        }
        return """
            first difference at line \(first + 1)
            expected:
            \(excerpt(expectedLines))
            actual:
            \(excerpt(actualLines))
            """
    }
}

struct GoldenFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

private struct KindProbe: Decodable { let kind: String }

private struct DataObject: Decodable {
    struct Metadata: Decodable {
        let name: String
        let namespace: String
    }
    let metadata: Metadata
    let stringData: [String: String]?
    let data: [String: String]?
}

/// `options.yaml`: the generator options a case changes from the defaults.
private struct GoldenOptions: Decodable {
    var prometheusVersion: String?
    var scrapeInterval: String?
    var shards: Int?
    var shardRetention: Bool?
    var serviceDiscoveryRole: ServiceMonitor.ServiceDiscoveryRole?
    var endpointSliceSupported: Bool?
    var podTargetLabels: [String]?
    var ignoreNamespaceSelectors: Bool?
    var enforcedNamespaceLabel: String?
    var overrideHonorLabels: Bool?
    var enforcedSampleLimit: UInt64?
    var ruleConfigMapCount: Int?
    var scrapeClasses: [GoldenScrapeClass]?

    struct GoldenScrapeClass: Decodable {
        var name: String
        var `default`: Bool?
        var tlsConfig: TLSConfigSpec?
        var authorizationType: String?
        var authorizationCredentialsFile: String?
        var relabelings: [RelabelConfigSpec]?
        var metricRelabelings: [RelabelConfigSpec]?
        var attachMetadataNode: Bool?
        var fallbackScrapeProtocol: String?

        var scrapeClass: ScrapeClass {
            var result = ScrapeClass(name: name, isDefault: self.default ?? false)
            result.tlsConfig = tlsConfig
            if authorizationType != nil || authorizationCredentialsFile != nil {
                result.authorization = .init(type: authorizationType, credentialsFile: authorizationCredentialsFile)
            }
            result.relabelings = relabelings ?? []
            result.metricRelabelings = metricRelabelings ?? []
            result.attachMetadataNode = attachMetadataNode
            result.fallbackScrapeProtocol = fallbackScrapeProtocol
            return result
        }
    }

    var generatorOptions: GeneratorOptions {
        var options = GeneratorOptions()
        if let text = prometheusVersion, let version = PrometheusVersion(text) { options.prometheusVersion = version }
        if let scrapeInterval { options.scrapeInterval = scrapeInterval }
        if let shards { options.shards = shards }
        if let shardRetention { options.shardRetention = shardRetention }
        if let serviceDiscoveryRole { options.serviceDiscoveryRole = serviceDiscoveryRole }
        if let endpointSliceSupported { options.endpointSliceSupported = endpointSliceSupported }
        if let podTargetLabels { options.podTargetLabels = podTargetLabels }
        if let ignoreNamespaceSelectors { options.ignoreNamespaceSelectors = ignoreNamespaceSelectors }
        options.enforcedNamespaceLabel = enforcedNamespaceLabel
        if let overrideHonorLabels { options.overrideHonorLabels = overrideHonorLabels }
        options.enforcedLimits.sampleLimit = enforcedSampleLimit
        options.ruleConfigMapCount = ruleConfigMapCount
        options.scrapeClasses = (scrapeClasses ?? []).map(\.scrapeClass)
        return options
    }
}
