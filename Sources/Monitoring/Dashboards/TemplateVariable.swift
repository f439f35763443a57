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
