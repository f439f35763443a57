import Foundation
import PromQL
import Testing
@testable import Monitoring

/// Properties every generated dashboard must have, checked on the Kthena examples and on
/// the unusual inputs of `DashboardVariety`.
@Suite("Dashboard structure")
struct DashboardStructureTests {
    static func allDashboards() throws -> [GeneratedDashboard] {
        try KthenaScenario.dashboards() + DashboardGenerator.dashboards(for: DashboardVariety.inputs())
    }

    @Test("panels stay inside the 24 columns and never overlap")
    func gridHasNoOverlaps() throws {
        for dashboard in try Self.allDashboards() {
            let panels = dashboard.model.panels
            for panel in panels {
                #expect(panel.gridPos.x >= 0 && panel.gridPos.w >= 1 && panel.gridPos.x + panel.gridPos.w <= 24,
                        "\(dashboard.uid) panel \(panel.id) is off the grid")
            }
            for (index, first) in panels.enumerated() {
                for second in panels[(index + 1)...] {
                    #expect(!first.gridPos.overlaps(second.gridPos),
                            "\(dashboard.uid): panels \(first.id) and \(second.id) overlap")
                }
            }
            let ys = panels.map(\.gridPos.y)
            #expect(ys == ys.sorted(), "\(dashboard.uid): y must not decrease")
        }
    }

    @Test("panel ids are unique and refIds are unique within a panel")
    func idsAreUnique() throws {
        for dashboard in try Self.allDashboards() {
            let ids = dashboard.model.panels.map(\.id)
            #expect(Set(ids).count == ids.count, "\(dashboard.uid): duplicate panel ids")
            for panel in dashboard.model.panels {
                let refIDs = (panel.targets ?? []).map(\.refId)
                #expect(Set(refIDs).count == refIDs.count, "\(dashboard.uid) panel \(panel.id): duplicate refIds")
            }
        }
    }

    @Test("uids are at most 40 characters of [a-z0-9-] and differ between dashboards, across namespaces too")
    func uidsAreValidAndDistinct() throws {
        let dashboards = try KthenaScenario.dashboards()
            + DashboardGenerator.dashboards(for: DashboardVariety.inputs(),
                                            options: DashboardOptions(uidPrefix: "other"))
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for dashboard in dashboards {
            #expect(dashboard.uid.count <= 40, "\(dashboard.uid) is too long")
            #expect(dashboard.uid.allSatisfy(allowed.contains), "\(dashboard.uid) has characters Grafana rejects")
        }
        #expect(Set(dashboards.map(\.uid)).count == dashboards.count)
    }

    @Test("uids stay the same when other objects come and go")
    func uidsAreStable() throws {
        let alone = try KthenaScenario.dashboards()
        var inputs = try KthenaScenario.inputs()
        let variety = try DashboardVariety.inputs()
        inputs.serviceLevels += variety.serviceLevels
        inputs.serviceMonitors += variety.serviceMonitors
        let together = try DashboardGenerator.dashboards(for: inputs)
        for dashboard in alone where dashboard.kind != .overview {
            #expect(together.contains { $0.uid == dashboard.uid && $0.title == dashboard.title })
        }
        #expect(alone.map(\.uid) == [
            "vigil-slo-kthena-inference-c9aff2cc03d0", "vigil-slo-kthena-inference-48a98279b4e3",
            "vigil-sm-kthena-metrics-14ea93d5e336", "vigil-overview",
        ])
    }

    @Test("every panel and query uses the prometheus datasource variable; no import placeholders or id")
    func datasourceVariable() throws {
        for dashboard in try Self.allDashboards() {
            let model = dashboard.model
            #expect(model.templating.list.first == .datasource)
            #expect(!dashboard.json.contains("__inputs") && !dashboard.json.contains("${DS_"))
            // No instance-local numeric id (grafana-operator fails with "dashboard not found").
            #expect(try DashboardJSON(dashboard).root["id"] == nil)
            for panel in model.panels where !panel.isRow {
                #expect(panel.datasource == .variable)
                #expect((panel.targets ?? []).allSatisfy { $0.datasource == .variable })
            }
        }
    }

    @Test("dashboards carry the vigil and namespace tags, schemaVersion 39 and known units")
    func tagsSchemaAndUnits() throws {
        let units: Set<String> = ["percentunit", "s", "reqps", "short", "ops"]
        for dashboard in try Self.allDashboards() {
            #expect(dashboard.model.tags.contains("vigil"))
            if let namespace = dashboard.source?.namespace { #expect(dashboard.model.tags.contains(namespace)) }
            #expect(dashboard.model.schemaVersion == 39)
            for panel in dashboard.model.panels where !panel.isRow {
                #expect(units.contains(panel.fieldConfig?.defaults.unit ?? ""), "\(dashboard.uid) panel \(panel.id)")
            }
        }
    }

    @Test("detail dashboards link to the overview and the overview links to every detail dashboard")
    func linksBothWays() throws {
        let variety = try DashboardGenerator.dashboards(for: DashboardVariety.inputs())
        for set in [try KthenaScenario.dashboards(), variety] {
            guard let overview = set.last, overview.kind == .overview else {
                Issue.record("the overview comes last")
                continue
            }
            let linked = Set(overview.model.panels.flatMap { $0.links ?? [] }.compactMap(\.url))
            for detail in set.dropLast() {
                #expect(detail.model.links.contains { $0.url == "/d/\(overview.uid)" }, "\(detail.uid) → overview")
                #expect(linked.contains("/d/\(detail.uid)"), "overview → \(detail.uid)")
            }
        }
    }

    @Test("SLO panels put their thresholds at the objective")
    func thresholdsAtObjective() throws {
        let dashboards = try KthenaScenario.dashboards().filter { $0.kind == .serviceLevel }
        for (dashboard, objective) in zip(dashboards, [0.999, 0.95]) {
            let sli = try #require(dashboard.model.panels.first { $0.title.hasPrefix("SLI over") })
            let steps = sli.fieldConfig?.defaults.thresholds.steps ?? []
            #expect(steps.map(\.value) == [nil, objective])
            #expect(steps.last?.color == "green")
            let trend = try #require(dashboard.model.panels.first { $0.title == "SLI over time vs objective" })
            #expect(trend.fieldConfig?.defaults.thresholds.steps.last?.value == objective)
        }
    }

    @Test("disabled alerts get no alert panel")
    func disabledAlerts() throws {
        let dashboards = try DashboardGenerator.dashboards(for: DashboardVariety.inputs())
        func alertPanels(_ title: String) throws -> [String] {
            let dashboard = try #require(dashboards.first { $0.title == title })
            return dashboard.model.panels.map(\.title).filter { $0.hasSuffix(" alert") }
        }
        #expect(try alertPanels("SLO / team-a / checkout-availability") == ["Page alert"])
        #expect(try alertPanels("SLO / team-b / checkout-availability") == ["Page alert", "Ticket alert"])
        #expect(try alertPanels("SLO / payments / payments-requests-availability") == ["Ticket alert"])
        #expect(try alertPanels("SLO / payments / payments-requests-latency") == [])
    }

    @Test("the queries of unusual inputs parse once the variables are substituted")
    func varietyQueriesParse() throws {
        for dashboard in try DashboardGenerator.dashboards(for: DashboardVariety.inputs()) {
            for (panel, expr) in try DashboardJSON(dashboard).expressions {
                let text = GrafanaVariables.substitute(expr, values: ["model_id": ".*"])
                #expect(throws: Never.self, "\(dashboard.uid) \(panel): \(text)") { try Parser.parse(text) }
            }
        }
    }

    @Test("an invalid SLO object gets no dashboard and does not stop the others")
    func invalidSLOIsSkipped() throws {
        var inputs = try KthenaScenario.inputs()
        let broken = """
            apiVersion: vigil.dev/v1alpha1
            kind: ServiceLevel
            metadata: {name: broken, namespace: monitoring}
            spec:
              service: kthena-inference
              objective: 120
              sli: {events: {errorQuery: "x", totalQuery: "y"}}
            """
        inputs.serviceLevels += try SLOManifestDecoder.decode(yaml: broken)
        let dashboards = try DashboardGenerator.dashboards(for: inputs)
        #expect(dashboards.map(\.uid) == (try KthenaScenario.dashboards()).map(\.uid))
    }

    @Test("no objects at all still give a valid overview")
    func emptyInputs() throws {
        let dashboards = try DashboardGenerator.dashboards(for: DashboardInputs())
        #expect(dashboards.map(\.kind) == [.overview])
        #expect(dashboards.first?.model.panels.map(\.title) == ["Alerts", "Firing alerts", "Alerts firing now"])
    }
}
