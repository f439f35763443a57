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

/// Threshold steps: a base colour (value `null`, i.e. minus infinity) then ascending steps.
struct Thresholds: Encodable, Sendable, Equatable {
    struct Step: Encodable, Sendable, Equatable {
        var color: String
        /// nil only for the base step; written as an explicit `null`, which Grafana requires.
        var value: Double?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(color, forKey: .color)
            if let value, value.isFinite {
                try container.encode(value, forKey: .value)
            } else {
                try container.encodeNil(forKey: .value)
            }
        }

        private enum CodingKeys: String, CodingKey { case color, value }
    }

    var mode = "absolute"
    var steps: [Step]

    /// A base colour and further `(value, colour)` steps; steps are sorted by value so a
    /// caller's order (or an objective that lands between two defaults) cannot break them.
    init(base: String, _ steps: [(Double, String)] = []) {
        self.steps = [Step(color: base, value: nil)]
            + steps.filter { $0.0.isFinite }.sorted { $0.0 < $1.0 }.map { Step(color: $0.1, value: $0.0) }
    }
}
