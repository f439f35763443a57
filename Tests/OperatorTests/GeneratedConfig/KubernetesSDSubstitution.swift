import Foundation
import KubernetesClient
@testable import Operator
import TSDB
import VigilTestSupport
import Yams

/// Makes Vigil's generated Prometheus configuration runnable by a Prometheus that has no
/// cluster: every `kubernetes_sd_configs` entry becomes a `file_sd_configs` entry whose
/// file lists what Kubernetes service discovery would find in the same objects — every
/// endpoint of every Service in the namespaces that SD config names (all namespaces when
/// it names none), not only the Services a monitor selects, with the `__meta_kubernetes_*`
/// labels from ``EndpointDiscovery`` (the code the engine uses). Prometheus's own relabel
/// chain then has to pick the engine's targets out of that.
///
/// Everything else of the file is kept as generated (read and written as a YAML node
/// tree, so key order, styles and quoting stay). The one textual change is `$(SHARD)`
/// → `0`: prometheus-config-reloader expands that variable before Prometheus reads the
/// file, and the engine scrapes as shard 0.
///
/// Role `endpoints` is derived from the EndpointSlices, as the engine does. SD options
/// this does not model (`selectors`, `own_namespace`, `attach_metadata`, an API server)
/// fail the rewrite instead of being dropped silently.
struct KubernetesSDSubstitution {
    var services: [Service]
    var slices: [EndpointSlice]
    var pods: [Pod]

    /// The rewritten configuration and the files it names (relative to its directory).
    struct Output {
        var configuration: String
        var files: [String: String]
    }

    static let shardPlaceholder = "$(SHARD)"
    private static let modeledKeys: Set<String> = ["role", "namespaces"]

    func rewrite(_ generated: String) throws -> Output {
        let expanded = generated.replacingOccurrences(of: Self.shardPlaceholder, with: "0")
        guard var root = try Yams.compose(yaml: expanded)?.mapping,
              let jobs = root["scrape_configs"]?.sequence else {
            throw OracleError("generated configuration has no scrape_configs:\n\(generated)")
        }
        var files: [String: String] = [:]
        var rewritten: [Node] = []
        for (jobIndex, job) in jobs.enumerated() {
            guard var mapping = job.mapping else { throw OracleError("scrape_configs[\(jobIndex)] is not a mapping") }
            let key = Node("kubernetes_sd_configs")
            guard let index = mapping.index(forKey: key), let sdConfigs = mapping[key]?.sequence else {
                rewritten.append(job)
                continue
            }
            var fileConfigs: [Node] = []
            for (sdIndex, sdConfig) in sdConfigs.enumerated() {
                let name = "kubernetes-sd-\(jobIndex)-\(sdIndex).json"
                let field = "scrape_configs[\(jobIndex)].kubernetes_sd_configs[\(sdIndex)]"
                files[name] = try fileSD(for: sdConfig, field: field)
                fileConfigs.append(Node([(Node("files"), Node([Node(name)]))]))
            }
            mapping[index] = (key: Node("file_sd_configs"), value: Node(fileConfigs))
            rewritten.append(.mapping(mapping))
        }
        root["scrape_configs"] = Node(rewritten)
        return Output(configuration: try Yams.serialize(node: .mapping(root)), files: files)
    }

    /// The file_sd JSON for one `kubernetes_sd_configs` entry: one group per target.
    private func fileSD(for sdConfig: Node, field: String) throws -> String {
        guard let mapping = sdConfig.mapping else { throw OracleError("\(field) is not a mapping") }
        let unmodeled = mapping.keys.compactMap(\.string).filter { !Self.modeledKeys.contains($0) }
        guard unmodeled.isEmpty else { throw OracleError("\(field): \(unmodeled) is not modeled by the substitution") }
        guard let roleText = mapping["role"]?.string, let role = EndpointDiscovery.Role(rawValue: roleText) else {
            throw OracleError("\(field).role: \(mapping["role"]?.string ?? "missing") is not an endpoint role")
        }
        var namespaces: Set<String>?
        if let selection = mapping["namespaces"] {
            let keys = selection.mapping?.keys.compactMap(\.string) ?? []
            guard keys.allSatisfy({ $0 == "names" }) else {
                throw OracleError("\(field).namespaces: \(keys) is not modeled by the substitution")
            }
            let names = selection.mapping?["names"]?.sequence?.compactMap(\.string) ?? []
            if !names.isEmpty { namespaces = Set(names) }
        }
        let groups: [[String: Any]] = try discovered(role: role, namespaces: namespaces).map { labels in
            var meta: [String: String] = [:]
            for label in labels.pairs where label.name != "__address__" { meta[label.name] = label.value }
            return ["targets": [labels["__address__"] ?? ""], "labels": meta]
        }
        let data = try JSONSerialization.data(withJSONObject: groups, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// What discovery with `role` finds in `namespaces` (nil: every namespace).
    func discovered(role: EndpointDiscovery.Role, namespaces: Set<String>?) throws -> [TSDB.Labels] {
        let inScope = { (namespace: String?) in namespaces?.contains(namespace ?? "") ?? true }
        var result: [TSDB.Labels] = []
        for service in services.sorted(by: { $0.key < $1.key }) where inScope(service.metadata.namespace) {
            let namespace = service.metadata.namespace ?? ""
            let owned = slices.filter { $0.metadata.namespace == namespace && $0.serviceName == service.metadata.name }
            var podsByName: [String: Pod] = [:]
            for pod in pods where pod.metadata.namespace == namespace { podsByName[pod.metadata.name ?? ""] = pod }
            result += EndpointDiscovery.targets(service: service, slices: owned, pods: podsByName, role: role)
        }
        // Prometheus would also list a slice without a Service (without service labels);
        // the scenario has none, and this keeps the model from silently missing one.
        for slice in slices where inScope(slice.metadata.namespace) {
            let owner = services.contains { $0.metadata.namespace == slice.metadata.namespace && $0.metadata.name == slice.serviceName }
            guard owner else { throw OracleError("EndpointSlice \(slice.key) has no Service; not modeled") }
        }
        return result
    }
}
