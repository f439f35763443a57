/// A rule file or group definition that cannot be loaded, with where the problem is.
public struct RuleFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var group: String?
    /// 0-based index of the rule in its group.
    public var ruleIndex: Int?
    public var ruleName: String?
    /// The offending field (`expr`, `for`, `record`), if known.
    public var field: String?
    public var message: String
    /// 1-based line and column of the offending YAML node, when known.
    public var line: Int?
    public var column: Int?

    public init(file: String, group: String? = nil, ruleIndex: Int? = nil, ruleName: String? = nil,
                field: String? = nil, message: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.group = group
        self.ruleIndex = ruleIndex
        self.ruleName = ruleName
        self.field = field
        self.message = message
        self.line = line
        self.column = column
    }

    /// The text promtool (Prometheus's `rulefmt`) prints for the same problem:
    /// `FILE: 7:15: group "g", rule 2, "Bad": could not parse expression: ...`.
    public var promtoolDescription: String {
        var text = file + ": "
        // Prometheus rejects bad durations while unmarshalling, before it knows positions.
        if let field, ["for", "keep_firing_for", "interval"].contains(field) { return text + message }
        if let line, let column { text += "\(line):\(column): " }
        if let group, let ruleIndex {
            text += "group \"\(group)\", rule \(ruleIndex + 1), \"\(ruleName ?? "")\": "
        }
        return text + message
    }

    /// `FILE: group "g", rule 2 ("HighErrorRate"): expr: 1:5: parse error: ...`
    public var description: String {
        var parts: [String] = []
        if let group { parts.append("group \"\(group)\"") }
        if let ruleIndex {
            parts.append("rule \(ruleIndex + 1)" + (ruleName.map { " (\"\($0)\")" } ?? ""))
        }
        var text = file.isEmpty ? "" : file + ": "
        if !parts.isEmpty { text += parts.joined(separator: ", ") + ": " }
        if let field { text += field + ": " }
        return text + message
    }
}
