import Foundation

/// The classic Grafana dashboard model (`panels[]`), as the sidecar's file provider loads it:
/// the bare dashboard, no HTTP envelope, no `id`, no `__inputs` (grafana-dashboards.md §2).
///
/// Only the fields Vigil sets; every one of them is in the vendored dashboard schema.
/// Encoded with sorted keys, so equal dashboards are equal bytes.
struct GrafanaDashboard: Encodable, Sendable, Equatable {
    var uid: String
    var title: String
    var description: String
    var tags: [String]
    var timezone = "browser"
    var editable = false
    /// Shared crosshair across panels.
    var graphTooltip = 1
    var schemaVersion: Int
    var version = 1
    var refresh: String
    var time: TimeRange
    var annotations = AnnotationList.builtIn
    var templating: Templating
    var links: [DashboardLink]
    var panels: [GrafanaPanel]

    struct TimeRange: Encodable, Sendable, Equatable {
        var from: String
        var to = "now"
    }

    struct Templating: Encodable, Sendable, Equatable {
        var list: [TemplateVariable]
    }

    /// The built-in "Annotations & Alerts" entry Grafana adds to every dashboard it saves.
    struct AnnotationList: Encodable, Sendable, Equatable {
        var list: [DashboardJSONValue]

        static let builtIn = AnnotationList(list: [[
            "builtIn": 1,
            "datasource": ["type": "grafana", "uid": "-- Grafana --"],
            "enable": true,
            "hide": true,
            "iconColor": "rgba(0, 211, 255, 1)",
            "name": "Annotations & Alerts",
            "type": "dashboard",
        ]])
    }

    /// Compact JSON (what goes into ConfigMaps: a third smaller than indented) or indented
    /// JSON (golden files, `vigil generate`); keys sorted either way.
    func encoded(pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// A dashboard template variable (`templating.list[]`).
struct TemplateVariable: Encodable, Sendable, Equatable {
    var type: String
    var name: String
    var label: String
    var query: String
    var datasource: DatasourceRef?
    var definition: String?
    var hide = 0
    var refresh: Int
    var regex = ""
    var sort: Int?
    var includeAll: Bool
    var multi: Bool
    var allValue: String?
    var options: [DashboardJSONValue] = []
    var skipUrlSync = false

    /// The data source picker every panel points at (`${datasource}`): provisioning never
    /// resolves `${DS_…}` import placeholders, so this is the only portable form.
    static let datasource = TemplateVariable(
        type: "datasource", name: "datasource", label: "Data source", query: "prometheus",
        refresh: 1, includeAll: false, multi: false)

    /// A label-values variable; "All" matches every value with `=~`.
    static func labelValues(name: String, label: String, of selector: String) -> TemplateVariable {
        let query = "label_values(\(selector), \(name))"
        return TemplateVariable(
            type: "query", name: name, label: label, query: query, datasource: .variable,
            definition: query, refresh: 2, sort: 1, includeAll: true, multi: true, allValue: ".*")
    }
}

/// A data source reference; Vigil always points at the `datasource` variable.
struct DatasourceRef: Encodable, Sendable, Equatable {
    var type = "prometheus"
    var uid = "${datasource}"

    static let variable = DatasourceRef()
}

/// A dashboard or panel link.
struct DashboardLink: Encodable, Sendable, Equatable {
    var title: String
    var type: String
    var icon: String
    var tooltip: String
    var url: String?
    var tags: [String]
    var asDropdown: Bool
    var targetBlank = false
    var includeVars = false
    var keepTime = true

    /// A link to one dashboard by uid (`/d/<uid>` survives renames; titles do not).
    static func dashboard(uid: String, title: String, tooltip: String = "") -> DashboardLink {
        DashboardLink(title: title, type: "link", icon: "dashboard", tooltip: tooltip, url: "/d/\(uid)",
                      tags: [], asDropdown: false)
    }

    /// A drop-down of every dashboard carrying all of `tags`.
    static func tagged(_ tags: [String], title: String) -> DashboardLink {
        DashboardLink(title: title, type: "dashboards", icon: "external link", tooltip: "", url: nil,
                      tags: tags, asDropdown: true)
    }
}
