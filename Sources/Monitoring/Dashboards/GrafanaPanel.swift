/// One entry of `panels[]`: a visualization or a row header.
///
/// Rows are always expanded, so their own `panels` stays empty and their children follow
/// them at top level (an expanded row carrying children is dropped by Grafana).
struct GrafanaPanel: Encodable, Sendable, Equatable {
    var id: Int
    var type: String
    var title: String
    var description: String?
    var gridPos: GridPos
    var datasource: DatasourceRef?
    var targets: [PrometheusTarget]?
    var fieldConfig: FieldConfigSource?
    var options: DashboardJSONValue?
    var links: [DashboardLink]?
    /// Panel-local relative time range, e.g. the whole SLO period for a burn-down.
    var timeFrom: String?
    /// Row panels only.
    var collapsed: Bool?
    /// Row panels only; always empty (see the type's note).
    var panels: [GrafanaPanel]?

    var isRow: Bool { type == "row" }
}

/// Position on Grafana's 24-column grid; `h` in rows of about 30 px.
struct GridPos: Encodable, Sendable, Equatable {
    var h: Int
    var w: Int
    var x: Int
    var y: Int

    /// True when the two rectangles share at least one cell.
    func overlaps(_ other: GridPos) -> Bool {
        x < other.x + other.w && other.x < x + w && y < other.y + other.h && other.y < y + h
    }
}

/// A Prometheus query of a panel.
struct PrometheusTarget: Encodable, Sendable, Equatable {
    var refId: String
    var datasource = DatasourceRef.variable
    var expr: String
    var legendFormat: String?
    var instant: Bool?
    var range: Bool?
    /// `table` for table panels; nil means time series.
    var format: String?

    /// `A` … `Z`, then `AA`, `AB`, … (Grafana's own sequence).
    static func refID(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var number = index
        var name = ""
        repeat {
            name = String(letters[number % 26]) + name
            number = number / 26 - 1
        } while number >= 0
        return name
    }
}

/// `fieldConfig` of a panel: defaults only, no overrides.
struct FieldConfigSource: Encodable, Sendable, Equatable {
    var defaults: FieldDefaults
    var overrides: [DashboardJSONValue] = []
}

/// `fieldConfig.defaults`.
struct FieldDefaults: Encodable, Sendable, Equatable {
    var unit: String
    var decimals: Int?
    var min: Double?
    var max: Double?
    var color: DashboardJSONValue
    var thresholds: Thresholds
    var mappings: [DashboardJSONValue] = []
    var custom: DashboardJSONValue?
}
