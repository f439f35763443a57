import Yams

/// The line of every field of one document, so problems found after decoding (validation,
/// generation) can point at the line of the field they concern.
public struct ManifestFieldLines: Sendable, Equatable {
    private var lines: [String: Int] = [:]

    init() {}

    /// Walks `node`, recording each mapping value and sequence item by its field path.
    init(node: Node) {
        record(node, path: "")
    }

    private mutating func record(_ node: Node, path: String) {
        if let line = node.mark?.line { lines[path] = line }
        if let mapping = node.mapping {
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                // The key's own line is where an editor should jump for a problem with it.
                let child = path.isEmpty ? name : "\(path).\(name)"
                if let line = key.mark?.line { lines[child] = line }
                recordChildren(value, path: child)
            }
        } else if let sequence = node.sequence {
            for (index, item) in sequence.enumerated() { record(item, path: "\(path)[\(index)]") }
        }
    }

    private mutating func recordChildren(_ node: Node, path: String) {
        let keyLine = lines[path]
        record(node, path: path)
        // Keep the key's line for the field itself, not the value's (they differ for blocks).
        if let keyLine { lines[path] = keyLine }
    }

    /// The line of `path` (`spec.groups[0].rules[1].expr`, `spec.labels[team]`), or of the
    /// nearest enclosing field that exists.
    public func line(of path: String) -> Int? {
        var components = Self.components(of: path)
        while true {
            if let line = lines[Self.join(components)] { return line }
            if components.isEmpty { return nil }
            components.removeLast()
        }
    }

    /// `spec.groups[0].rules` → `spec`, `groups`, `[0]`, `rules`; `labels[team]` → `labels`, `team`.
    private static func components(of path: String) -> [String] {
        var result: [String] = []
        var current = ""
        var inBracket = false
        for character in path {
            switch character {
            case "." where !inBracket:
                if !current.isEmpty { result.append(current) }
                current = ""
            case "[" where !inBracket:
                if !current.isEmpty { result.append(current) }
                current = ""
                inBracket = true
            case "]" where inBracket:
                result.append(Int(current) != nil ? "[\(current)]" : current)
                current = ""
                inBracket = false
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    private static func join(_ components: [String]) -> String {
        var text = ""
        for component in components {
            if component.hasPrefix("[") {
                text += component
            } else {
                text += text.isEmpty ? component : ".\(component)"
            }
        }
        return text
    }
}
