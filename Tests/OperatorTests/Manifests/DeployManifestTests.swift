import Foundation
import Testing

/// deploy/ (the kustomize base) and the Dockerfile against what the operator needs and no
/// more: the hardening the brief requires, the probe and port layout of `vigil run`, and
/// RBAC listing exactly the verbs Vigil uses. charts/vigil is held to the same objects by
/// `.ci/compare-deploy-chart.py` in CI.
@Suite("Shipped deployment manifests")
struct DeployManifestTests {
    @Test("the kustomization lists every manifest in deploy/ and installs into vigil-system")
    func kustomization() throws {
        let kustomization = try ManifestFile("deploy/kustomization.yaml").object(kind: "Kustomization")
        #expect(kustomization["namespace"] as? String == "vigil-system")
        let listed = Set(kustomization["resources"] as? [String] ?? [])
        let files = try FileManager.default.contentsOfDirectory(atPath: ManifestFile.url("deploy").path)
        #expect(listed == Set(files.filter { $0.hasSuffix(".yaml") && $0 != "kustomization.yaml" }))
    }

    @Test("the Deployment runs as non-root with a read-only root, no capabilities and the default seccomp profile")
    func hardening() throws {
        let deployment = try ManifestFile("deploy/deployment.yaml").object(kind: "Deployment")
        let pod = try #require(ManifestFile.value(deployment, "spec.template.spec") as? [String: Any])
        #expect(ManifestFile.value(pod, "securityContext.runAsNonRoot") as? Bool == true)
        #expect((ManifestFile.value(pod, "securityContext.runAsUser") as? Int ?? 0) > 0)
        #expect(ManifestFile.value(pod, "securityContext.seccompProfile.type") as? String == "RuntimeDefault")
        let container = try #require(ManifestFile.value(pod, "containers[0]") as? [String: Any])
        #expect(ManifestFile.value(container, "securityContext.allowPrivilegeEscalation") as? Bool == false)
        #expect(ManifestFile.value(container, "securityContext.readOnlyRootFilesystem") as? Bool == true)
        #expect(ManifestFile.value(container, "securityContext.capabilities.drop") as? [String] == ["ALL"])
        #expect(ManifestFile.value(container, "securityContext.capabilities.add") == nil)
        #expect(ManifestFile.value(container, "resources.requests.memory") != nil)
        #expect(ManifestFile.value(container, "resources.limits.memory") != nil)
    }

    @Test("the store snapshot goes to an emptyDir at /var/lib/vigil, the root filesystem stays read-only")
    func dataDirectory() throws {
        let deployment = try ManifestFile("deploy/deployment.yaml").object(kind: "Deployment")
        let pod = try #require(ManifestFile.value(deployment, "spec.template.spec") as? [String: Any])
        let container = try #require(ManifestFile.value(pod, "containers[0]") as? [String: Any])
        let args = try #require(container["args"] as? [String])
        #expect(args.contains("--data-dir=/var/lib/vigil"))
        let mounts = (container["volumeMounts"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "") \($0["mountPath"] ?? "")" }
        #expect(mounts.contains("data /var/lib/vigil"))
        let volumes = pod["volumes"] as? [[String: Any]] ?? []
        let data = try #require(volumes.first { $0["name"] as? String == "data" })
        #expect(data["emptyDir"] != nil)
        #expect(ManifestFile.value(container, "securityContext.readOnlyRootFilesystem") as? Bool == true)
    }

    @Test("vigil run serves probes and /metrics on 8080 and the query API on 9095")
    func probesAndPorts() throws {
        let deployment = try ManifestFile("deploy/deployment.yaml").object(kind: "Deployment")
        let container = try #require(ManifestFile.value(deployment, "spec.template.spec.containers[0]") as? [String: Any])
        let args = try #require(container["args"] as? [String])
        #expect(args.first == "run")
        #expect(args.contains("--metrics-listen=0.0.0.0:8080"))
        #expect(args.contains("--listen=0.0.0.0:9095"))
        #expect(args.contains("--leader-elect"))
        let ports = (container["ports"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "") \($0["containerPort"] ?? "")" }
        #expect(ports == ["metrics 8080", "api 9095"])
        #expect(ManifestFile.value(container, "livenessProbe.httpGet.path") as? String == "/healthz")
        #expect(ManifestFile.value(container, "livenessProbe.httpGet.port") as? String == "metrics")
        #expect(ManifestFile.value(container, "readinessProbe.httpGet.path") as? String == "/readyz")
        #expect(ManifestFile.value(container, "readinessProbe.httpGet.port") as? String == "metrics")

        let service = try ManifestFile("deploy/service.yaml").object(kind: "Service")
        let servicePorts = (ManifestFile.value(service, "spec.ports") as? [[String: Any]] ?? [])
            .map { "\($0["name"] ?? "") \($0["port"] ?? "")" }
        #expect(servicePorts == ["metrics 8080", "api 9095"])
    }

    /// `group/resource: verbs`, one line per resource, sorted, for exact comparison.
    static func grants(_ role: [String: Any]) -> [String] {
        var lines: [String] = []
        for rule in role["rules"] as? [[String: Any]] ?? [] {
            let verbs = (rule["verbs"] as? [String] ?? []).sorted().joined(separator: ",")
            for group in rule["apiGroups"] as? [String] ?? [] {
                for resource in rule["resources"] as? [String] ?? [] {
                    lines.append("\(group.isEmpty ? "core" : group)/\(resource): \(verbs)")
                }
            }
        }
        return lines.sorted()
    }

    @Test("the ClusterRole grants exactly the reads, status writes and events Vigil uses")
    func clusterRole() throws {
        let role = try ManifestFile("deploy/clusterrole.yaml").object(kind: "ClusterRole")
        #expect(Self.grants(role) == [
            "core/configmaps: get,list,watch",
            "core/namespaces: get,list,watch",
            "core/pods: get,list,watch",
            "core/secrets: get,list,watch",
            "core/services: get,list,watch",
            "discovery.k8s.io/endpointslices: get,list,watch",
            "events.k8s.io/events: create,patch",
            "monitoring.coreos.com/prometheusrules: get,list,watch",
            "monitoring.coreos.com/prometheusrules/status: patch,update",
            "monitoring.coreos.com/servicemonitors: get,list,watch",
            "monitoring.coreos.com/servicemonitors/status: patch,update",
            "vigil.dev/servicelevels: get,list,watch",
            "vigil.dev/servicelevels/status: patch,update",
        ].sorted())
    }

    @Test("writes of generated objects and the leader Lease are confined to the operator namespace")
    func namespacedRole() throws {
        let role = try ManifestFile("deploy/role.yaml").object(kind: "Role")
        #expect(ManifestFile.value(role, "metadata.namespace") as? String == "vigil-system")
        #expect(Self.grants(role) == [
            "coordination.k8s.io/leases: create,get,update",
            "core/configmaps: create,delete,get,list,patch,update,watch",
            "core/secrets: create,delete,patch,update",
        ].sorted())
        let binding = try ManifestFile("deploy/rolebinding.yaml").object(kind: "RoleBinding")
        #expect(ManifestFile.value(binding, "roleRef.name") as? String == "vigil")
        #expect(ManifestFile.value(binding, "subjects[0].name") as? String == "vigil")
    }

    @Test("the Dockerfile builds with a static Swift runtime in one stage and runs non-root in another")
    func dockerfile() throws {
        let text = try String(contentsOf: ManifestFile.url("Dockerfile"), encoding: .utf8)
        let instructions = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let stages = instructions.filter { $0.hasPrefix("FROM ") }
        #expect(stages.count == 2)
        #expect(stages.first?.hasPrefix("FROM swift:6.1") == true)
        #expect(text.contains("swift build -c release --static-swift-stdlib"))
        let user = try #require(instructions.last { $0.hasPrefix("USER ") })
        #expect(!user.contains("root") && user != "USER 0")
        #expect(instructions.last { $0.hasPrefix("ENTRYPOINT") } == "ENTRYPOINT [\"/usr/local/bin/vigil\"]")
    }
}
