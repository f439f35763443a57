import TSDB

/// Expands alert label and annotation templates the way Prometheus's alerting rules do:
/// `$labels`, `$externalLabels`, `$externalURL`, `$value` and `.Labels`, `.ExternalLabels`,
/// `.ExternalURL`, `.Value`; a failure becomes `<error expanding template: …>`.
public struct AlertTemplateData: Sendable {
    public var labels: Labels
    public var externalLabels: Labels
    public var externalURL: String
    public var value: Double

    public init(labels: Labels, externalLabels: Labels = Labels(), externalURL: String = "", value: Double) {
        self.labels = labels
        self.externalLabels = externalLabels
        self.externalURL = externalURL
        self.value = value
    }

    /// How Go names the type of Prometheus's template data, for error messages.
    static let goTypeName =
        "struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }"

    /// The template's `.`: a record shaped like Prometheus's `tmplData`.
    var dot: TemplateValue {
        .record(TemplateRecord(typeName: Self.goTypeName, fields: [
            ("Labels", .map(Self.map(labels))),
            ("ExternalLabels", .map(Self.map(externalLabels))),
            ("ExternalURL", .string(externalURL)),
            ("Value", .float(value)),
        ]))
    }

    var variables: [String: TemplateValue] {
        ["$labels": .map(Self.map(labels)), "$externalLabels": .map(Self.map(externalLabels)),
         "$externalURL": .string(externalURL), "$value": .float(value)]
    }

    static func map(_ labels: Labels) -> [String: String] {
        Dictionary(labels.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }
}

public enum AlertTemplate {
    /// Expands `text` for the alert `alertName`; never throws: like Prometheus, a parse or
    /// execution error becomes the text `<error expanding template: …>`.
    public static func expand(_ text: String, alertName: String, data: AlertTemplateData,
                              context: TemplateContext = TemplateContext()) -> String {
        do {
            return try render(text, alertName: alertName, data: data, context: context)
        } catch {
            return "<error expanding template: \(prometheusMessage(error))>"
        }
    }

    /// Prometheus prepends `{{$labels := .Labels}}...{{$value := .Value}}` (112 bytes) to
    /// every alert template and reports Go's 0-based byte column, so an error at column
    /// `c` of line 1 reads `1:(111 + c)`.
    private static let declarationsLength = 112

    /// The error text Prometheus puts into the annotation for `error`.
    static func prometheusMessage(_ error: TemplateError) -> String {
        switch error.phase {
        case .parse:
            return "error parsing template \(error.name): \(error)"
        case .execution:
            let column = error.column - 1 + (error.line == 1 ? declarationsLength : 0)
            return "error executing template \(error.name): template: \(error.name):\(error.line):\(column): "
                + error.message
        }
    }

    /// Like ``expand(_:alertName:data:context:)`` but reports the error.
    public static func render(_ text: String, alertName: String, data: AlertTemplateData,
                              context: TemplateContext = TemplateContext()) throws(TemplateError) -> String {
        // Text without actions needs no parse (most label values).
        guard text.contains("{{") else { return text }
        let template = try TemplateParser.parse(text, name: "__alert_" + alertName)
        var context = context
        if context.externalURL.isEmpty { context.externalURL = data.externalURL }
        return try template.execute(dot: data.dot, variables: data.variables, context: context)
    }
}
