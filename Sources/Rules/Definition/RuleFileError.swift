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

    public init(file: String, group: String? = nil, ruleIndex: Int? = nil, ruleName: String? = nil,
                field: String? = nil, message: String) {
        self.file = file
        self.group = group
        self.ruleIndex = ruleIndex
        self.ruleName = ruleName
        self.field = field
        self.message = message
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
