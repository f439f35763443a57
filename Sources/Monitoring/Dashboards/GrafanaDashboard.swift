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
