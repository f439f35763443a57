import Yams

/// An SLO object read from YAML: either kind Vigil accepts.
public enum SLOManifest: Sendable, Equatable {
    case serviceLevel(ServiceLevel)
    case prometheusServiceLevel(PrometheusServiceLevel)
}

/// Why a YAML stream could not be read as SLO objects.
public struct SLODecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Index of the YAML document in the stream (0-based) where reading failed.
    public var document: Int
    /// Field path inside the document, e.g. `spec.slos[0].objective`; empty if unknown.
    public var path: String
    public var message: String

    public var description: String {
        let place = "document \(document)"
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}

/// Reads ServiceLevel and PrometheusServiceLevel objects from a (multi-document) YAML stream.
/// Documents of other kinds are skipped so a whole manifest directory can be fed in.
public enum SLOManifestDecoder {
    /// Every ServiceLevel and PrometheusServiceLevel in `yaml`, in stream order. Throws on the
    /// first document that is not YAML or does not fit its kind's shape; validation of the
    /// content (`SLOValidator`) is a separate step.
    public static func decode(yaml: String) throws(SLODecodingError) -> [SLOManifest] {
        // The Parser, not `compose_all`: its sequence would swallow syntax errors.
        var nodes: [Node] = []
        do {
            let parser = try Parser(yaml: yaml)
            while let node = try parser.nextRoot() { nodes.append(node) }
        } catch {
            throw SLODecodingError(document: nodes.count, path: "", message: "\(error)")
        }
        var manifests: [SLOManifest] = []
        for (index, node) in nodes.enumerated() {
            guard let mapping = node.mapping else {
                if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "null" { continue }
                throw SLODecodingError(document: index, path: "", message: "expected a mapping")
            }
            let apiVersion = mapping["apiVersion"]?.string
            let kind = mapping["kind"]?.string
            do {
                switch (apiVersion, kind) {
                case (ServiceLevel.apiVersion, ServiceLevel.kind):
                    manifests.append(.serviceLevel(try YAMLDecoder().decode(ServiceLevel.self, from: node)))
                case (PrometheusServiceLevel.apiVersion, PrometheusServiceLevel.kind):
                    manifests.append(.prometheusServiceLevel(
                        try YAMLDecoder().decode(PrometheusServiceLevel.self, from: node)))
                default:
                    continue
                }
            } catch let error as DecodingError {
                throw SLODecodingError(document: index, path: Self.path(of: error), message: Self.message(of: error))
            } catch {
                throw SLODecodingError(document: index, path: "", message: "\(error)")
            }
        }
        return manifests
    }

    private static func path(of error: DecodingError) -> String {
        let codingPath: [any CodingKey] = switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.codingPath
        case .keyNotFound(let key, let context):
            context.codingPath + [key]
        @unknown default:
            []
        }
        return ManifestDecoding.path(codingPath)
    }

    private static func message(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "expected a value of type \(type)"
        case .valueNotFound(let type, _): "missing value of type \(type)"
        case .keyNotFound: "required field is missing"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(error)"
        }
    }
}
