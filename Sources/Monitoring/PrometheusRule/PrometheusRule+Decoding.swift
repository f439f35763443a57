import Yams

extension PrometheusRule {
    /// Decodes one PrometheusRule from a single-document YAML (or JSON) manifest. Errors name
    /// the field and its line (`line 14: spec.groups[0].rules[1].expr: required field is missing`).
    public init(yaml: String) throws(ManifestDecodingFailure) {
        let node: Node
        do {
            guard let parsed = try Yams.compose(yaml: yaml) else {
                throw ManifestDecodingFailure(field: "", message: "empty document")
            }
            node = parsed
        } catch let failure as ManifestDecodingFailure {
            throw failure
        } catch {
            throw ManifestDecodingFailure(field: "", message: "invalid YAML: \(error)")
        }
        self = try ManifestDecoding.decode(PrometheusRule.self, from: node)
    }
}
