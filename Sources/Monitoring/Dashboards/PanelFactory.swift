/// One query of a panel: the PromQL and the legend Grafana shows for its series.
struct PanelQuery: Sendable, Equatable {
    var expr: String
    var legend: String?

    init(_ expr: String, legend: String? = nil) {
        (self.expr, self.legend) = (expr, legend)
    }
}

/// How a time series panel draws its thresholds.
enum ThresholdLine: String, Sendable {
    case off, line, dashed
}

/// Builds panels with every option Grafana writes when it saves one (the plugin schemas
/// list them as required; `validate-dashboard.sh --strict-panels` checks them), so a
/// generated dashboard looks exactly like one saved from the UI.
///
/// Panels come out with id 0 and an empty position; `GridLayout` assigns both.
enum PanelFactory {
    /// A single big number (the last value of each query).
    static func stat(_ title: String, description: String? = nil, queries: [PanelQuery], unit: String,
                     thresholds: Thresholds, decimals: Int? = nil, colorMode: String = "value",
                     mappings: [DashboardJSONValue] = [], links: [DashboardLink]? = nil) -> GrafanaPanel {
        let options: DashboardJSONValue = [
            "graphMode": "none",
            "colorMode": .string(colorMode),
            "justifyMode": "auto",
            "textMode": queries.count > 1 ? "value_and_name" : "auto",
            "wideLayout": true,
            "showPercentChange": false,
            "percentChangeColorMode": "standard",
            "orientation": "auto",
            "reduceOptions": ["calcs": ["lastNotNull"], "fields": "", "values": false],
        ]
        let defaults = FieldDefaults(unit: unit, decimals: decimals, color: ["mode": "thresholds"],
                                     thresholds: thresholds, mappings: mappings)
        return panel(type: "stat", title: title, description: description,
                     targets: targets(queries, instant: true), defaults: defaults, options: options, links: links)
    }

    /// Lines over time; thresholds drawn as lines when `thresholdLine` is not `.off`.
    static func timeseries(_ title: String, description: String? = nil, queries: [PanelQuery], unit: String,
                           thresholds: Thresholds = Thresholds(base: "green"), thresholdLine: ThresholdLine = .off,
                           min: Double? = nil, max: Double? = nil, decimals: Int? = nil,
                           timeFrom: String? = nil, links: [DashboardLink]? = nil) -> GrafanaPanel {
        let custom: DashboardJSONValue = [
            "drawStyle": "line",
            "lineInterpolation": "linear",
            "lineWidth": 1,
            "fillOpacity": 10,
            "gradientMode": "none",
            "showPoints": "never",
            "pointSize": 5,
            "spanNulls": false,
            "axisPlacement": "auto",
            "axisLabel": "",
            "scaleDistribution": ["type": "linear"],
            "stacking": ["mode": "none", "group": "A"],
            "hideFrom": ["tooltip": false, "legend": false, "viz": false],
            "thresholdsStyle": ["mode": .string(thresholdLine.rawValue)],
        ]
        let options: DashboardJSONValue = [
            "legend": ["displayMode": "list", "placement": "bottom", "showLegend": true, "calcs": []],
            "tooltip": ["mode": "multi", "sort": "desc"],
        ]
        let defaults = FieldDefaults(unit: unit, decimals: decimals, min: min, max: max,
                                     color: ["mode": "palette-classic"], thresholds: thresholds, custom: custom)
        var panel = panel(type: "timeseries", title: title, description: description,
                          targets: targets(queries, instant: false), defaults: defaults, options: options,
                          links: links)
        panel.timeFrom = timeFrom
        return panel
    }

    /// One row per series of an instant query, with its labels as columns.
    static func table(_ title: String, description: String? = nil, queries: [PanelQuery]) -> GrafanaPanel {
        let custom: DashboardJSONValue = [
            "align": "auto",
            "inspect": false,
        ]
        let options: DashboardJSONValue = [
            "frameIndex": 0,
            "showHeader": true,
            "cellHeight": "sm",
            "footer": ["show": false, "reducer": ["sum"], "countRows": false],
        ]
        let defaults = FieldDefaults(unit: "short", color: ["mode": "thresholds"],
                                     thresholds: Thresholds(base: "green"), custom: custom)
        var tableTargets = targets(queries, instant: true)
        for index in tableTargets.indices { tableTargets[index].format = "table" }
        return panel(type: "table", title: title, description: description, targets: tableTargets,
                     defaults: defaults, options: options, links: nil)
    }

    /// A section header spanning the whole width.
    static func row(_ title: String) -> GrafanaPanel {
        GrafanaPanel(id: 0, type: "row", title: title, gridPos: GridPos(h: 1, w: 24, x: 0, y: 0),
                     collapsed: false, panels: [])
    }

    /// Value mappings that print `OK` for 0 and `FIRING` for 1 (alert state stats).
    static let firingMappings: [DashboardJSONValue] = [[
        "type": "value",
        "options": [
            "0": ["text": "OK", "color": "green", "index": 0],
            "1": ["text": "FIRING", "color": "red", "index": 1],
        ],
    ]]

    private static func targets(_ queries: [PanelQuery], instant: Bool) -> [PrometheusTarget] {
        queries.enumerated().map { index, query in
            PrometheusTarget(refId: PrometheusTarget.refID(index), expr: query.expr,
                             legendFormat: query.legend ?? "__auto",
                             instant: instant ? true : nil, range: instant ? false : true)
        }
    }

    private static func panel(type: String, title: String, description: String?, targets: [PrometheusTarget],
                              defaults: FieldDefaults, options: DashboardJSONValue,
                              links: [DashboardLink]?) -> GrafanaPanel {
        GrafanaPanel(id: 0, type: type, title: title, description: description,
                     gridPos: GridPos(h: 0, w: 0, x: 0, y: 0), datasource: .variable, targets: targets,
                     fieldConfig: FieldConfigSource(defaults: defaults), options: options,
                     links: links?.isEmpty == false ? links : nil)
    }
}
