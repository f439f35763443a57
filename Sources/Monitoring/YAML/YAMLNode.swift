/// A YAML document tree whose mappings keep their key order.
///
/// Produced by ``OrderedYAMLEncoder`` from `Encodable` values and written by
/// ``OrderedYAML/emit(_:)``. Mappings are lists of pairs, so the order in which an
/// `Encodable` type encodes its keys is the order they appear in the text.
public enum YAMLNode: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case boolean(Bool)
    case double(Double)
    case null
    case sequence([YAMLNode])
    case mapping([(key: String, value: YAMLNode)])

    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.double(let a), .double(let b)): a == b || (a.isNaN && b.isNaN)
        case (.null, .null): true
        case (.sequence(let a), .sequence(let b)): a == b
        case (.mapping(let a), .mapping(let b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }
}
