import Foundation
import Yams

extension JSONValue {
    /// Parses a YAML (or JSON, which is YAML) document. Timestamps stay strings, as they
    /// do on the Kubernetes wire; only null, bool, int and float scalars are typed.
    static func parseYAML(_ text: String) throws -> JSONValue {
        guard let node = try Yams.compose(yaml: text) else { return .null }
        return try JSONValue(yamlNode: node)
    }

    private init(yamlNode node: Node) throws {
        switch node {
        case .scalar(let scalar):
            self = JSONValue(yamlScalar: scalar, node: node)
        case .sequence(let sequence):
            self = .array(try sequence.map { try JSONValue(yamlNode: $0) })
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else { throw YAMLBodyError.nonScalarKey }
                members[keyScalar.string] = try JSONValue(yamlNode: value)
            }
            self = .object(members)
        case .alias:
            throw YAMLBodyError.aliasNotSupported
        }
    }

    private init(yamlScalar scalar: Node.Scalar, node: Node) {
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null:
            self = .null
        case .bool:
            self = node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case .int:
            self = node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
        case .float:
            self = node.float.map(JSONValue.double) ?? .string(scalar.string)
        default:
            self = .string(scalar.string)
        }
    }
}

/// Why a YAML request body could not be turned into JSON.
enum YAMLBodyError: Error, CustomStringConvertible {
    case nonScalarKey
    case aliasNotSupported

    var description: String {
        switch self {
        case .nonScalarKey: "mapping keys must be scalars"
        case .aliasNotSupported: "YAML aliases are not supported"
        }
    }
}
