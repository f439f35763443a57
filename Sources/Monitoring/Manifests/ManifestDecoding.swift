import Yams

/// Why one YAML document could not be read as the model of its kind: the field, its line and
/// column when known, and what was wrong.
public struct ManifestDecodingFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted path of the offending field (`spec.groups[0].rules[2].expr`), empty if unknown.
    public var field: String
    public var message: String
    /// 1-based line and column in the document's text of the deepest node on `field`.
    public var line: Int?
    public var column: Int?

    public init(field: String, message: String, line: Int? = nil, column: Int? = nil) {
        (self.field, self.message, self.line, self.column) = (field, message, line, column)
    }

    /// `line 12: spec.groups[0].rules: expected a list`.
    public var description: String {
        let place = line.map { "line \($0): " } ?? ""
        return field.isEmpty ? place + message : "\(place)\(field): \(message)"
    }
}

/// Decodes manifest models from Yams nodes, turning `DecodingError`s into
/// ``ManifestDecodingFailure``s that name the field and its line.
enum ManifestDecoding {
    static func decode<Model: Decodable>(_ type: Model.Type, from node: Node) throws(ManifestDecodingFailure) -> Model {
        do {
            return try YAMLDecoder().decode(type, from: node)
        } catch let error as DecodingError {
            throw failure(error, in: node)
        } catch {
            throw ManifestDecodingFailure(field: "", message: "\(error)", line: node.mark?.line, column: node.mark?.column)
        }
    }

    /// The failure for `error`, located by walking `root` along the error's coding path.
    static func failure(_ error: DecodingError, in root: Node?) -> ManifestDecodingFailure {
        let (keys, message): ([any CodingKey], String) = switch error {
        case .typeMismatch(let type, let context):
            (context.codingPath, "expected \(typeName(type))")
        case .valueNotFound(let type, let context):
            (context.codingPath, "missing value, expected \(typeName(type))")
        case .keyNotFound(let key, let context):
            (context.codingPath + [key], "required field is missing")
        case .dataCorrupted(let context):
            (context.codingPath, context.debugDescription)
        @unknown default:
            ([], "\(error)")
        }
        let mark = root.flatMap { deepestMark(in: $0, along: keys) }
        return ManifestDecodingFailure(field: path(keys), message: message, line: mark?.line, column: mark?.column)
    }

    /// `spec.groups[0].rules[2].expr`.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    /// A name users recognise instead of Swift's type names.
    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is UInt64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "a boolean"
        case is [String: String].Type: "a map of strings"
        default:
            // Yams names its node types (`Sequence`, `Mapping`, `Scalar`) in mismatches.
            switch String(describing: type) {
            case let name where name.hasPrefix("Array") || name.hasPrefix("[") || name.contains("Sequence"): "a list"
            case let name where name.contains("Scalar"): "a single value"
            default: "a mapping"
            }
        }
    }

    /// The mark of the deepest node that exists on the path (the missing key's parent, or
    /// the value of the wrong type).
    private static func deepestMark(in root: Node, along keys: [any CodingKey]) -> Mark? {
        var node = root
        for key in keys {
            let next: Node? = if let index = key.intValue, let sequence = node.sequence {
                index < sequence.count ? sequence[index] : nil
            } else {
                node.mapping?[key.stringValue]
            }
            guard let next else { break }
            node = next
        }
        return node.mark
    }
}
