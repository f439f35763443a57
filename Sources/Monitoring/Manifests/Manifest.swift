/// An object read from a manifest, one of the kinds Vigil turns into outputs.
public enum ManifestObject: Sendable, Equatable {
    case serviceMonitor(ServiceMonitor)
    case prometheusRule(PrometheusRule)
    case serviceLevel(ServiceLevel)
    case prometheusServiceLevel(PrometheusServiceLevel)

    /// `Kind namespace/name`, how problems name the object.
    public var displayName: String {
        switch self {
        case .serviceMonitor(let object): "ServiceMonitor \(object.key)"
        case .prometheusRule(let object): "PrometheusRule \(object.key)"
        case .serviceLevel(let object): "ServiceLevel \(object.metadata.key)"
        case .prometheusServiceLevel(let object): "PrometheusServiceLevel \(object.metadata.key)"
        }
    }
}

/// Where a document came from: file, 0-based index of the document in the file, and the
/// 1-based line it starts on.
public struct ManifestLocation: Sendable, Equatable, CustomStringConvertible {
    /// The path as given (`examples/slo.yaml`), or `-` for standard input.
    public var file: String
    public var document: Int
    public var line: Int?

    public init(file: String, document: Int, line: Int?) { (self.file, self.document, self.line) = (file, document, line) }

    /// `examples/slo.yaml:12`, or `examples/slo.yaml (document 2)` without a line.
    public var description: String { line.map { "\(file):\($0)" } ?? "\(file) (document \(document))" }
}

/// One decoded object with where it came from and the lines of its fields.
public struct LoadedManifest: Sendable, Equatable {
    public var object: ManifestObject
    public var location: ManifestLocation
    /// Line of each field path in the document (`spec.groups[0].rules[1].expr` → 23).
    public var fieldLines: ManifestFieldLines
}

/// A document of a kind Vigil does not handle (a CRD, a Deployment…): listed, not an error.
public struct IgnoredManifest: Sendable, Equatable, CustomStringConvertible {
    public var location: ManifestLocation
    public var apiVersion: String?
    public var kind: String?
    public var name: String?

    public var description: String {
        "\(location): ignored \(apiVersion ?? "<no apiVersion>") \(kind ?? "<no kind>")" + (name.map { " \($0)" } ?? "")
    }
}

/// A problem found while reading, validating or rendering manifests, positioned as
/// `file:line: object: field: message`.
public struct ManifestProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: ManifestLocation
    /// `PrometheusRule monitoring/kthena-alerts`; nil when the document could not be read.
    public var object: String?
    /// Field path or rule position, e.g. `spec.endpoints[0].port` or `group "g", rule 2 ("A"): expr`.
    public var field: String
    public var message: String
    /// Warnings are printed but do not fail `vigil check`.
    public var isWarning: Bool

    public init(location: ManifestLocation, object: String?, field: String, message: String, isWarning: Bool = false) {
        (self.location, self.object, self.field, self.message, self.isWarning) = (location, object, field, message, isWarning)
    }

    public var description: String {
        var text = "\(location): "
        if isWarning { text += "warning: " }
        if let object { text += "\(object): " }
        if !field.isEmpty { text += "\(field): " }
        return text + message
    }
}

/// Everything read from a set of manifests.
public struct ManifestSet: Sendable, Equatable {
    public var objects: [LoadedManifest] = []
    public var ignored: [IgnoredManifest] = []
    /// Documents that could not be read (YAML syntax, wrong shape for their kind).
    public var problems: [ManifestProblem] = []

    public init() {}

    public mutating func append(_ other: ManifestSet) {
        objects += other.objects
        ignored += other.ignored
        problems += other.problems
    }
}
