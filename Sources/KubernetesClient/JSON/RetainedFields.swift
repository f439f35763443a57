import Foundation

/// The members of a decoded object that its Swift type does not model (newer API fields,
/// fields of other controllers), kept so that a read-modify-write sends them back
/// unchanged instead of erasing them. Typed resources carry one; it is filled when the
/// client decodes an object and merged back when it encodes one.
public struct RetainedFields: Sendable, Hashable {
    indirect enum Node: Sendable, Hashable {
        /// An object: members the type never read, and nodes for members it did read.
        case object(unknown: [String: JSONValue], children: [String: Node])
        /// An array, by element index.
        case array([Int: Node])
    }

    var root: Node?

    public init() {}

    init(root: Node?) { self.root = root }

    /// True when the decoded object had nothing the type did not model.
    public var isEmpty: Bool { root == nil }

    /// Computes what `raw` holds beyond the members recorded as read.
    static func compute(raw: JSONValue, recorder: FieldRecorder) -> RetainedFields {
        RetainedFields(root: node(for: raw, path: [], recorder: recorder))
    }

    private static func node(for value: JSONValue, path: [String], recorder: FieldRecorder) -> Node? {
        switch value {
        case .object(let members):
            // An object the type never opened as a keyed container was consumed whole
            // (e.g. a `JSONValue` property), so nothing in it is unknown.
            guard let read = recorder.readKeys[path.joined(separator: "\u{1}")] else { return nil }
            var unknown: [String: JSONValue] = [:]
            var children: [String: Node] = [:]
            for (key, member) in members {
                if !read.contains(key) {
                    unknown[key] = member
                } else if let child = node(for: member, path: path + [key], recorder: recorder) {
                    children[key] = child
                }
            }
            return unknown.isEmpty && children.isEmpty ? nil : .object(unknown: unknown, children: children)
        case .array(let elements):
            var children: [Int: Node] = [:]
            for (index, element) in elements.enumerated() {
                if let child = node(for: element, path: path + ["#\(index)"], recorder: recorder) {
                    children[index] = child
                }
            }
            return children.isEmpty ? nil : .array(children)
        default:
            return nil
        }
    }

    /// Returns `encoded` with the retained members put back wherever the encoded value
    /// still has the enclosing object. Members the type models win; arrays are matched by
    /// index only while they keep their length (a reordered list cannot be matched).
    func merged(into encoded: JSONValue) -> JSONValue {
        guard let root else { return encoded }
        return Self.merge(root, into: encoded)
    }

    private static func merge(_ node: Node, into value: JSONValue) -> JSONValue {
        switch (node, value) {
        case (.object(let unknown, let children), .object(var members)):
            for (key, member) in unknown where members[key] == nil { members[key] = member }
            for (key, child) in children {
                if let member = members[key] { members[key] = merge(child, into: member) }
            }
            return .object(members)
        case (.array(let children), .array(var elements)):
            for (index, child) in children where index < elements.count {
                elements[index] = merge(child, into: elements[index])
            }
            return .array(elements)
        default:
            return value
        }
    }
}

/// Decoding and encoding between `JSONValue` trees and typed resources.
public enum JSONCoding {
    /// Decodes `T` from a tree.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONTreeDecoder(value: value, codingPath: [], recorder: FieldRecorder()).decodeScalar(type)
    }

    /// Decodes `T` and reports which members of the tree it did not model.
    public static func decodeRetaining<T: Decodable>(_ type: T.Type, from value: JSONValue) throws
        -> (T, RetainedFields)
    {
        let recorder = FieldRecorder()
        let decoded = try JSONTreeDecoder(value: value, codingPath: [], recorder: recorder).decodeScalar(type)
        return (decoded, RetainedFields.compute(raw: value, recorder: recorder))
    }

    /// Encodes `value` into a tree.
    public static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return try JSONParser.parse(data)
    }

    /// A readable description of a decoding error: the field path and what was wrong,
    /// e.g. `items[3].metadata.name: expected String, found a number`.
    public static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return "\(error)" }
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text.isEmpty ? "(root)" : text
        }
        switch decodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): missing required field"
        @unknown default:
            return "\(error)"
        }
    }
}

/// `RetainedFields` never appears on the wire: the container overloads in
/// `KubernetesResource.swift` skip it, and these conformances are the fallback for
/// other encoders.
extension RetainedFields: Codable {
    public init(from decoder: any Decoder) throws { self.init() }
    public func encode(to encoder: any Encoder) throws {}
}
