/// One relabel rule, as written under `relabel_configs` / `metric_relabel_configs`.
///
/// Defaults are Prometheus 2.42's: `separator` `;`, `regex` `(.*)`, `replacement` `$1`,
/// `action` `replace`. A value always holds a compiled regex; ``validate()`` checks the
/// cross-field rules (e.g. `replace` needs `target_label`) and decoding runs it, so a
/// decoded rule is always valid.
///
/// ```swift
/// let rule = try RelabelConfig(action: .replace, sourceLabels: ["__meta_pod"],
///                              regex: "(.+)", targetLabel: "pod")
/// relabel(labels, rules: [rule])
/// ```
public struct RelabelConfig: Sendable, Hashable {
    /// Labels whose values are joined with `separator` into the source value.
    public var sourceLabels: [String]
    /// Put between source values; default `;`.
    public var separator: String
    /// Matched against the source value (or label names for the label* actions).
    public var regex: RelabelRegex
    /// For `hashmod`: the modulus; must be positive there.
    public var modulus: UInt64
    /// The label written (replace, hashmod, lowercase, uppercase) or compared (keepequal, dropequal).
    public var targetLabel: String
    /// The value written by `replace` and the name written by `labelmap`, `$`-expanded.
    public var replacement: String
    /// What the rule does.
    public var action: RelabelAction

    /// Default separator, `;`.
    public static let defaultSeparator = ";"
    /// Default replacement, `$1`.
    public static let defaultReplacement = "$1"

    /// Creates and validates a rule.
    ///
    /// - Throws: ``RelabelError`` when `regex` does not compile or the fields do not fit
    ///   the action.
    public init(
        action: RelabelAction = .replace, sourceLabels: [String] = [], separator: String = defaultSeparator,
        regex: String = "(.*)", modulus: UInt64 = 0, targetLabel: String = "",
        replacement: String = defaultReplacement
    ) throws(RelabelError) {
        self.action = action
        self.sourceLabels = sourceLabels
        self.separator = separator
        self.regex = try RelabelRegex(regex)
        self.modulus = modulus
        self.targetLabel = targetLabel
        self.replacement = replacement
        try validate()
    }

    /// Checks the fields against the action, with Prometheus 2.42's rules and messages.
    public func validate() throws(RelabelError) {
        let name = action.rawValue
        func fail(_ field: String, _ message: String) -> RelabelError {
            RelabelError(field: field, message: message)
        }
        if action == .hashMod && modulus == 0 {
            throw fail("modulus", "relabel configuration for hashmod requires non-zero modulus")
        }
        let writesTarget: Set<RelabelAction> = [.replace, .hashMod, .lowercase, .uppercase, .keepEqual, .dropEqual]
        if writesTarget.contains(action) && targetLabel.isEmpty {
            throw fail("target_label", "relabel configuration for \(name) action requires 'target_label' value")
        }
        let templated: Set<RelabelAction> = [.replace, .lowercase, .uppercase, .keepEqual, .dropEqual]
        if templated.contains(action) && !LabelNameRules.isValidRelabelTarget(targetLabel) {
            throw fail("target_label", "\"\(targetLabel)\" is invalid 'target_label' for \(name) action")
        }
        let literalTarget: Set<RelabelAction> = [.lowercase, .uppercase, .keepEqual, .dropEqual, .hashMod]
        if literalTarget.contains(action) && !LabelNameRules.isValidLabelName(targetLabel) {
            throw fail("target_label", "\"\(targetLabel)\" is invalid 'target_label' for \(name) action")
        }
        if [.lowercase, .uppercase, .keepEqual, .dropEqual].contains(action) && replacement != Self.defaultReplacement {
            throw fail("replacement", "'replacement' can not be set for \(name) action")
        }
        if action == .labelMap && !LabelNameRules.isValidRelabelTarget(replacement) {
            throw fail("replacement", "\"\(replacement)\" is invalid 'replacement' for \(name) action")
        }
        if action == .labelDrop || action == .labelKeep {
            if !sourceLabels.isEmpty || !targetLabel.isEmpty || modulus != 0 || separator != Self.defaultSeparator
                || replacement != Self.defaultReplacement {
                throw fail("action", "\(name) action requires only 'regex', and no other fields")
            }
        }
        if action == .keepEqual || action == .dropEqual {
            if regex != .matchAll || modulus != 0 || separator != Self.defaultSeparator {
                throw fail("action", "\(name) action requires only 'source_labels' and 'target_label', and no other fields")
            }
        }
    }
}

extension RelabelConfig: Codable {
    enum CodingKeys: String, CodingKey {
        case sourceLabels = "source_labels"
        case separator
        case regex
        case modulus
        case targetLabel = "target_label"
        case replacement
        case action
    }

    /// Decodes Prometheus YAML/JSON keys; absent keys take the defaults, then the rule is
    /// validated (throwing ``RelabelError``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            action: container.decodeIfPresent(RelabelAction.self, forKey: .action) ?? .replace,
            sourceLabels: container.decodeIfPresent([String].self, forKey: .sourceLabels) ?? [],
            separator: container.decodeIfPresent(String.self, forKey: .separator) ?? Self.defaultSeparator,
            regex: container.decodeIfPresent(String.self, forKey: .regex) ?? "(.*)",
            modulus: container.decodeIfPresent(UInt64.self, forKey: .modulus) ?? 0,
            targetLabel: container.decodeIfPresent(String.self, forKey: .targetLabel) ?? "",
            replacement: container.decodeIfPresent(String.self, forKey: .replacement) ?? Self.defaultReplacement)
    }

    /// Encodes only the fields that differ from the defaults, plus `action`, in the order
    /// source_labels, separator, regex, modulus, target_label, replacement, action.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !sourceLabels.isEmpty { try container.encode(sourceLabels, forKey: .sourceLabels) }
        if separator != Self.defaultSeparator { try container.encode(separator, forKey: .separator) }
        if regex != .matchAll { try container.encode(regex.pattern, forKey: .regex) }
        if modulus != 0 { try container.encode(modulus, forKey: .modulus) }
        if !targetLabel.isEmpty { try container.encode(targetLabel, forKey: .targetLabel) }
        if replacement != Self.defaultReplacement { try container.encode(replacement, forKey: .replacement) }
        try container.encode(action, forKey: .action)
    }
}

/// Label name syntax checks shared by relabeling and label limits.
enum LabelNameRules {
    /// `[a-zA-Z_][a-zA-Z0-9_]*`.
    static func isValidLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isWordStart(first) else { return false }
        return name.utf8.allSatisfy(isWord)
    }

    /// Prometheus' `relabelTarget`: word characters and `$name`/`${name}` references, not
    /// starting with a digit.
    static func isValidRelabelTarget(_ target: String) -> Bool {
        let bytes = Array(target.utf8)
        guard let first = bytes.first, isWordStart(first) || first == UInt8(ascii: "$") else { return false }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "$") {
                index += 1
                if index < bytes.count && bytes[index] == UInt8(ascii: "{") {
                    let start = index + 1
                    var end = start
                    while end < bytes.count && isWord(bytes[end]) { end += 1 }
                    guard end > start, end < bytes.count, bytes[end] == UInt8(ascii: "}") else { return false }
                    index = end + 1
                } else {
                    let start = index
                    while index < bytes.count && isWord(bytes[index]) { index += 1 }
                    guard index > start else { return false }
                }
            } else if isWord(byte) {
                index += 1
            } else {
                return false
            }
        }
        return true
    }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        isWordStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
