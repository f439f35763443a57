/// A value inside a template: what a pipeline stage produces and a function receives.
/// The cases mirror the Go types Prometheus's templates see.
public enum TemplateValue: Sendable, Equatable {
    /// Go's `nil` (printed as `<no value>`).
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// A `map[string]string`, e.g. `$labels`.
    case map([String: String])
    /// A query result (`query "up"`): a list of samples.
    case samples([TemplateSample])
    /// One element of a query result.
    case sample(TemplateSample)
    /// A struct with named fields, e.g. the alert data `.Labels`, `.Value`.
    case record(TemplateRecord)

    /// Go's notion of truth for `if`, `with`, `and`, `or`, `not`.
    var isTrue: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .int(let value): return value != 0
        case .float(let value): return value != 0
        case .string(let value): return !value.isEmpty
        case .map(let value): return !value.isEmpty
        case .samples(let value): return !value.isEmpty
        case .sample, .record: return true
        }
    }

    /// The Go type name, for error messages (`can't convert string to float`).
    var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float64"
        case .string: return "string"
        case .map: return "map[string]string"
        case .samples: return "template.queryResult"
        case .sample: return "*template.sample"
        case .record(let record): return record.typeName
        }
    }

    /// How Go's `fmt.Print` (`%v`) shows the value; what an action prints.
    var printed: String {
        switch self {
        case .null: return "<no value>"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .float(let value): return GoFloat.format(value, verb: "g", precision: nil)
        case .string(let value): return value
        case .map(let value):
            let pairs = value.keys.sorted().map { "\($0):\(value[$0] ?? "")" }
            return "map[" + pairs.joined(separator: " ") + "]"
        case .samples(let samples): return "[" + samples.map(\.printed).joined(separator: " ") + "]"
        case .sample(let sample): return sample.printed
        case .record(let record):
            return "{" + record.fields.map { $0.value.printed }.joined(separator: " ") + "}"
        }
    }
}

/// One sample of a `query` result: its labels (including `__name__`) and value.
public struct TemplateSample: Sendable, Equatable {
    public var labels: [String: String]
    public var value: Double

    public init(labels: [String: String], value: Double) {
        self.labels = labels
        self.value = value
    }

    var printed: String {
        "&{" + TemplateValue.map(labels).printed + " " + GoFloat.format(value, verb: "g", precision: nil) + "}"
    }
}

/// A Go struct seen from a template: ordered named fields.
public struct TemplateRecord: Sendable, Equatable {
    public var typeName: String
    public var fields: [(name: String, value: TemplateValue)]

    public init(typeName: String, fields: [(name: String, value: TemplateValue)]) {
        self.typeName = typeName
        self.fields = fields
    }

    public subscript(name: String) -> TemplateValue? {
        fields.first { $0.name == name }?.value
    }

    public static func == (lhs: TemplateRecord, rhs: TemplateRecord) -> Bool {
        lhs.typeName == rhs.typeName && lhs.fields.map(\.name) == rhs.fields.map(\.name)
            && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }
}
