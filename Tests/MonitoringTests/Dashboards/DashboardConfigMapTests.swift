import Foundation
import Testing
import Yams
@testable import Monitoring

@Suite("Dashboard ConfigMaps for the Grafana sidecar")
struct DashboardConfigMapTests {
    static func kthena(_ kind: GeneratedDashboard.Kind) throws -> GeneratedDashboard {
        try #require(KthenaScenario.dashboards().first { $0.kind == kind })
    }

    @Test("a dashboard becomes one labelled ConfigMap beside its object, keyed <uid>.json, owned by the object")
    func defaults() throws {
        let dashboard = try Self.kthena(.serviceLevel)
        let configMap = try DashboardConfigMap(dashboard: dashboard, ownerUID: "5f0c-uid")
        #expect(configMap.name == dashboard.uid)
        #expect(configMap.namespace == "monitoring")
        #expect(configMap.labels["grafana_dashboard"] == "1")
        #expect(configMap.annotations["grafana_folder"] == "Vigil")
        #expect(configMap.annotations["vigil.dev/source"] == "ServiceLevel/monitoring/kthena-inference-availability")
        #expect(configMap.data == ["\(dashboard.uid).json": dashboard.json])
        #expect(configMap.owner == .init(apiVersion: "vigil.dev/v1alpha1", kind: "ServiceLevel",
                                         name: "kthena-inference-availability", uid: "5f0c-uid"))
        #expect(!configMap.exceedsClientSideApplyLimit)
    }

    @Test("label, value, folder annotation and namespace are configurable")
    func configurable() throws {
        let options = DashboardDeliveryOptions(labelName: "dashboards", labelValue: "grafana",
                                               folderAnnotation: "k8s-sidecar-target-directory", folder: "SLOs",
                                               namespace: "grafana")
        let configMap = try DashboardConfigMap(dashboard: Self.kthena(.targets), ownerUID: "uid-1", options: options)
        #expect(configMap.labels["dashboards"] == "grafana")
        #expect(configMap.labels["grafana_dashboard"] == nil)
        #expect(configMap.annotations["k8s-sidecar-target-directory"] == "SLOs")
        #expect(configMap.namespace == "grafana")
    }

    @Test("no owner reference across namespaces, without a uid, or for the overview")
    func ownerOnlyWhereValid() throws {
        let elsewhere = DashboardDeliveryOptions(namespace: "grafana")
        let moved = try DashboardConfigMap(dashboard: Self.kthena(.targets), ownerUID: "uid-1", options: elsewhere)
        #expect(moved.owner == nil)
        #expect(try DashboardConfigMap(dashboard: Self.kthena(.targets), ownerUID: nil).owner == nil)
        let overview = try DashboardConfigMap(dashboard: Self.kthena(.overview), ownerUID: "uid-1",
                                              options: DashboardDeliveryOptions(overviewNamespace: "vigil-system"))
        #expect(overview.owner == nil)
        #expect(overview.namespace == "vigil-system")
        #expect(overview.annotations["vigil.dev/source"] == nil)
    }

    @Test("no folder annotation when the folder is nil")
    func noFolder() throws {
        let configMap = try DashboardConfigMap(dashboard: Self.kthena(.overview),
                                               options: DashboardDeliveryOptions(folder: nil))
        #expect(configMap.annotations.isEmpty)
        let node = try #require(try Yams.compose(yaml: configMap.yaml()))
        #expect(node["metadata"]?["annotations"] == nil)
    }

    @Test("a dashboard over 1 MiB is refused with its uid and size")
    func tooLarge() throws {
        var model = try Self.kthena(.overview).model
        let panel = try #require(model.panels.last)
        model.panels = Array(repeating: panel, count: 2000)
        let huge = try GeneratedDashboard(kind: .overview, source: nil, model: model)
        #expect(huge.json.utf8.count > DashboardConfigMap.maximumSize)
        do {
            _ = try DashboardConfigMap(dashboard: huge)
            Issue.record("a ConfigMap over 1 MiB was accepted")
        } catch {
            #expect(error.uid == huge.uid)
            #expect(error.size == huge.fileName.utf8.count + huge.json.utf8.count)
            #expect(error.description.contains("over the 1048576-byte ConfigMap limit"))
        }
    }

    @Test("the YAML manifest is a v1 ConfigMap with a quoted label value and the compact JSON")
    func yamlManifest() throws {
        let dashboard = try Self.kthena(.serviceLevel)
        let yaml = try DashboardConfigMap(dashboard: dashboard, ownerUID: "uid-1").yaml()
        #expect(yaml.contains("grafana_dashboard: \"1\""))
        let node = try #require(try Yams.compose(yaml: yaml))
        #expect(node["apiVersion"]?.string == "v1")
        #expect(node["kind"]?.string == "ConfigMap")
        #expect(node["metadata"]?["labels"]?["grafana_dashboard"]?.string == "1")
        #expect(node["metadata"]?["ownerReferences"]?[0]?["uid"]?.string == "uid-1")
        #expect(node["data"]?["\(dashboard.uid).json"]?.string == dashboard.json)
    }
}

@Suite("grafana-operator GrafanaDashboard")
struct GrafanaOperatorDashboardTests {
    @Test("the CR points at the ConfigMap, pins the uid and folder, and shares the ConfigMap's owner")
    func pointsAtConfigMap() throws {
        let dashboard = try DashboardConfigMapTests.kthena(.targets)
        let configMap = try DashboardConfigMap(dashboard: dashboard, ownerUID: "uid-7")
        let resource = GrafanaOperatorDashboard(configMap: configMap, uid: dashboard.uid,
                                                instanceSelector: ["dashboards": "grafana"])
        let node = try #require(try Yams.compose(yaml: resource.yaml()))
        #expect(node["apiVersion"]?.string == "grafana.integreatly.org/v1beta1")
        #expect(node["kind"]?.string == "GrafanaDashboard")
        #expect(node["metadata"]?["namespace"]?.string == configMap.namespace)
        #expect(node["metadata"]?["ownerReferences"]?[0]?["uid"]?.string == "uid-7")
        #expect(node["spec"]?["instanceSelector"]?["matchLabels"]?["dashboards"]?.string == "grafana")
        #expect(node["spec"]?["folder"]?.string == "Vigil")
        #expect(node["spec"]?["uid"]?.string == dashboard.uid)
        #expect(node["spec"]?["configMapRef"]?["name"]?.string == configMap.name)
        #expect(node["spec"]?["configMapRef"]?["key"]?.string == "\(dashboard.uid).json")
    }
}
