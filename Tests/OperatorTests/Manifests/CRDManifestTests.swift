import Foundation
import Testing

/// The CRDs in crds/ against the status contract (docs: status-contract) that the operator
/// writes: a status field missing from a CRD schema would be pruned by the API server
/// without an error, and a printer column pointing at a wrong path shows an empty column.
@Suite("Shipped CRDs")
struct CRDManifestTests {
    struct ContractCase: Sendable, CustomTestStringConvertible {
        let file: String
        /// Printer columns shown by default, in order: name and JSON path.
        let columns: [String]
        /// Status fields and their schema types.
        let statusFields: [String: String]
        var testDescription: String { file }
    }

    static let ready = "Ready .status.conditions[?(@.type==\"Ready\")].status"
    static let age = "Age .metadata.creationTimestamp"

    static let contract: [ContractCase] = [
        ContractCase(
            file: "crds/servicelevels.vigil.dev.yaml",
            columns: [
                "Objective .spec.objective", "SLI .status.sli", "Budget left .status.errorBudgetRemaining",
                "Burn 1h .status.burnRate1h", ready, age,
            ],
            statusFields: [
                "observedGeneration": "integer", "conditions": "array", "sli": "string",
                "errorBudgetRemaining": "string", "burnRate1h": "string", "burnRates": "object",
                "windowSLI": "object", "firingAlerts": "array", "coverage": "string", "lastEvaluationTime": "string",
            ]),
        ContractCase(
            file: "crds/servicemonitors.monitoring.coreos.com.yaml",
            columns: ["Up .status.targetsUp", "Targets .status.targetsTotal", ready, age],
            statusFields: [
                "observedGeneration": "integer", "conditions": "array", "targetsUp": "integer",
                "targetsTotal": "integer", "lastScrapeTime": "string",
            ]),
        ContractCase(
            file: "crds/prometheusrules.monitoring.coreos.com.yaml",
            columns: ["Rules .status.rules", "Firing .status.firingAlerts", ready, age],
            statusFields: ["observedGeneration": "integer", "conditions": "array", "rules": "integer", "firingAlerts": "integer"]),
    ]

    @Test("every CRD of the contract is in crds/ and nothing else is")
    func crdFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ManifestFile.url("crds").path)
        #expect(Set(files.map { "crds/" + $0 }) == Set(Self.contract.map(\.file)))
    }

    @Test("the chart's crds/ holds byte-identical copies of crds/, the single source of truth")
    func chartCopiesAreIdentical() throws {
        let fileManager = FileManager.default
        let source = try fileManager.contentsOfDirectory(atPath: ManifestFile.url("crds").path).sorted()
        let copies = try fileManager.contentsOfDirectory(atPath: ManifestFile.url("charts/vigil/crds").path).sorted()
        #expect(copies == source)
        for name in source {
            let original = try Data(contentsOf: ManifestFile.url("crds/\(name)"))
            let copy = try Data(contentsOf: ManifestFile.url("charts/vigil/crds/\(name)"))
            #expect(original == copy, "charts/vigil/crds/\(name) differs from crds/\(name): copy it again")
        }
    }

    @Test("the default printer columns are the contract's, in order", arguments: contract)
    func printerColumns(_ testCase: ContractCase) throws {
        let version = try Self.storageVersion(testCase.file)
        let columns = try #require(version["additionalPrinterColumns"] as? [[String: Any]])
        let shown = columns.filter { ($0["priority"] as? Int ?? 0) == 0 }
            .map { "\($0["name"] as? String ?? "?") \($0["jsonPath"] as? String ?? "?")" }
        #expect(shown == testCase.columns)
    }

    @Test("the status schema declares every contract field with its type, behind a status subresource",
          arguments: contract)
    func statusSchema(_ testCase: ContractCase) throws {
        let version = try Self.storageVersion(testCase.file)
        #expect(ManifestFile.value(version, "subresources.status") is [String: Any])
        let status = try #require(ManifestFile.value(version, "schema.openAPIV3Schema.properties.status") as? [String: Any])
        #expect(status["x-kubernetes-preserve-unknown-fields"] == nil, "typed fields, so printer columns and kubectl explain work")
        let properties = try #require(status["properties"] as? [String: Any])
        for (field, type) in testCase.statusFields.sorted(by: { $0.key < $1.key }) {
            #expect(ManifestFile.value(properties, "\(field).type") as? String == type, "status.\(field)")
        }
    }

    @Test("conditions are a list map keyed by type with the Kubernetes condition fields", arguments: contract)
    func conditionSchema(_ testCase: ContractCase) throws {
        let version = try Self.storageVersion(testCase.file)
        let conditions = try #require(
            ManifestFile.value(version, "schema.openAPIV3Schema.properties.status.properties.conditions") as? [String: Any])
        #expect(conditions["x-kubernetes-list-type"] as? String == "map")
        #expect(conditions["x-kubernetes-list-map-keys"] as? [String] == ["type"])
        let item = try #require(ManifestFile.value(conditions, "items.properties") as? [String: Any])
        #expect(Set(item.keys) == ["type", "status", "reason", "message", "lastTransitionTime", "observedGeneration"])
        #expect(ManifestFile.value(item, "status.enum") as? [String] == ["True", "False", "Unknown"])
        #expect(ManifestFile.value(item, "lastTransitionTime.format") as? String == "date-time")
    }

    @Test("ServiceLevel keeps its short name slo and the Monitoring model's limits")
    func serviceLevelSpec() throws {
        let crd = try ManifestFile("crds/servicelevels.vigil.dev.yaml").object(kind: "CustomResourceDefinition")
        #expect(ManifestFile.value(crd, "spec.names.shortNames") as? [String] == ["slo"])
        let spec = try #require(ManifestFile.value(crd, "spec.versions[0].schema.openAPIV3Schema.properties.spec") as? [String: Any])
        #expect(spec["required"] as? [String] == ["service", "objective", "sli"])
        #expect(ManifestFile.value(spec, "properties.objective.exclusiveMaximum") as? Bool == true)
        #expect(ManifestFile.value(spec, "properties.objective.maximum") as? Int == 100)
        #expect(ManifestFile.value(spec, "properties.name.maxLength") as? Int == 128)
        let windows = try #require(ManifestFile.value(spec, "properties.timeWindow.enum") as? [String])
        #expect(Set(["30d", "28d", "7d"]).isSubset(of: windows))
    }

    /// The one served, stored version of the CRD in `file`.
    static func storageVersion(_ file: String) throws -> [String: Any] {
        let crd = try ManifestFile(file).object(kind: "CustomResourceDefinition")
        let versions = try #require(ManifestFile.value(crd, "spec.versions") as? [[String: Any]])
        let stored = versions.filter { $0["storage"] as? Bool == true }
        try #require(stored.count == 1)
        return stored[0]
    }
}
