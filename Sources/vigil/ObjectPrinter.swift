import Foundation
import KubernetesClient
import Yams

/// Prints objects as kubectl does: a table (NAMESPACE, NAME, AGE), YAML or JSON.
struct ObjectPrinter {
    let format: OutputFormat
    let kind: ResourceKind
    let showNamespace: Bool
    var now = Date()

    func print(_ objects: [DynamicObject], single: Bool) throws {
        let text: String
        switch format {
        case .json:
            let value: JSONValue = single ? objects[0].object : ["apiVersion": "v1", "kind": "List", "items": .array(objects.map(\.object))]
            text = try YAMLBridge.prettyJSON(value) + "\n"
        case .yaml:
            let value: JSONValue = single ? objects[0].object : ["apiVersion": "v1", "kind": "List", "items": .array(objects.map(\.object))]
            text = try YAMLBridge.yaml(value)
        case .table:
            text = table(objects)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    func table(_ objects: [DynamicObject]) -> String {
        if objects.isEmpty { return "No resources found.\n" }
        var rows: [[String]] = [showNamespace ? ["NAMESPACE", "NAME", "AGE"] : ["NAME", "AGE"]]
        for object in objects {
            let meta = object.metadata
            let age = meta.creationTimestamp.map { Self.age(since: $0.date, now: now) } ?? "<unknown>"
            rows.append(showNamespace ? [meta.namespace ?? "", meta.name ?? "", age] : [meta.name ?? "", age])
        }
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 3, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    /// kubectl's short age: 45s, 12m, 5h, 3d.
    static func age(since date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<120: return "\(seconds)s"
        case ..<(120 * 60): return "\(seconds / 60)m"
        case ..<(48 * 3600): return "\(seconds / 3600)h"
        default: return "\(seconds / 86_400)d"
        }
    }
}

/// Converts between `JSONValue` and YAML text with Yams's node API, so every scalar keeps
/// its type (a string "true" stays quoted).
enum YAMLBridge {
    static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", .init(.null))
        case .bool(let b): return Node(b ? "true" : "false", .init(.bool))
        case .int(let i): return Node(String(i), .init(.int))
        case .double(let d): return Node(d.isFinite ? "\(d)" : (d.isNaN ? ".nan" : (d > 0 ? ".inf" : "-.inf")), .init(.float))
        case .string(let s):
            // Quote strings a YAML reader would otherwise take for another type.
            let plainResolvesToString = (try? Yams.load(yaml: s)) as? String == s && !s.isEmpty
            return Node(s, .init(.str), plainResolvesToString ? .any : .doubleQuoted)
        case .array(let elements): return Node(elements.map(node))
        case .object(let members):
            return Node(members.keys.sorted().map { (Node($0, .init(.str)), node(members[$0, default: .null])) })
        }
    }

    static func yaml(_ value: JSONValue) throws -> String {
        try Yams.serialize(node: node(value), indent: 2, width: -1, allowUnicode: true, sortKeys: false)
    }

    static func prettyJSON(_ value: JSONValue) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: Data(value.serialized())),
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
