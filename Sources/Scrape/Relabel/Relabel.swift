import TSDB

/// Applies `rules` in order to `labels`, as Prometheus 2.42's `relabel.Process` does.
///
/// Returns nil when a `keep`, `drop`, `keepequal` or `dropequal` rule drops the set. A
/// label set to the empty string is removed. Pure: no state, no I/O.
///
/// ```swift
/// let rule = try RelabelConfig(action: .keep, sourceLabels: ["job"], regex: "api|web")
/// relabel(Labels(["job": "api"]), rules: [rule])   // the same labels
/// relabel(Labels(["job": "db"]), rules: [rule])    // nil
/// ```
public func relabel(_ labels: TSDB.Labels, rules: [RelabelConfig]) -> TSDB.Labels? {
    guard !rules.isEmpty else { return labels }
    var builder = LabelBuilder(labels)
    for rule in rules {
        guard builder.apply(rule) else { return nil }
    }
    return builder.labels
}

/// A mutable label set for relabeling; names map to non-empty values.
struct LabelBuilder {
    private var values: [String: String]

    init(_ labels: TSDB.Labels) {
        values = Dictionary(labels.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The value of `name`, or "" when absent (Go's `Get`).
    subscript(name: String) -> String { values[name] ?? "" }

    /// Sets `name`; an empty value removes it.
    mutating func set(_ name: String, _ value: String) {
        values[name] = value.isEmpty ? nil : value
    }

    var labels: TSDB.Labels {
        TSDB.Labels(values.map { TSDB.Label(name: $0.key, value: $0.value) })
    }

    /// Applies one rule; false when the set is dropped.
    mutating func apply(_ rule: RelabelConfig) -> Bool {
        let source: String
        switch rule.sourceLabels.count {
        case 0: source = ""
        case 1: source = self[rule.sourceLabels[0]]
        default: source = rule.sourceLabels.map { self[$0] }.joined(separator: rule.separator)
        }
        switch rule.action {
        case .drop:
            return !rule.regex.matches(source)
        case .keep:
            return rule.regex.matches(source)
        case .dropEqual:
            return self[rule.targetLabel] != source
        case .keepEqual:
            return self[rule.targetLabel] == source
        case .replace:
            guard let captures = rule.regex.captures(source) else { return true }
            let target = ReplacementTemplate.expand(rule.targetLabel, with: captures)
            let value = ReplacementTemplate.expand(rule.replacement, with: captures)
            // Prometheus 2.42 deletes the label named by the unexpanded `target_label` when
            // the expanded name is invalid or the value empty (checked against 2.42 itself:
            // `target_label: ${1}` with an empty replacement leaves label `$1` names alone).
            if !LabelNameRules.isValidLabelName(target) || value.isEmpty {
                set(rule.targetLabel, "")
            } else {
                set(target, value)
            }
        case .lowercase:
            set(rule.targetLabel, source.lowercased())
        case .uppercase:
            set(rule.targetLabel, source.uppercased())
        case .hashMod:
            set(rule.targetLabel, String(Self.hashMod(source, modulus: rule.modulus)))
        case .labelMap:
            // Iterate over the labels as they were before this rule, as Prometheus does.
            for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                guard let captures = rule.regex.captures(name) else { continue }
                set(ReplacementTemplate.expand(rule.replacement, with: captures), value)
            }
        case .labelDrop:
            for name in Array(values.keys) where rule.regex.matches(name) { values[name] = nil }
        case .labelKeep:
            for name in Array(values.keys) where !rule.regex.matches(name) { values[name] = nil }
        }
        return true
    }

    /// MD5 of `value`, its last 8 bytes read big-endian, modulo `modulus` (Prometheus'
    /// `binary.BigEndian.Uint64(hash[8:]) % modulus`). `modulus` is positive after validation.
    static func hashMod(_ value: String, modulus: UInt64) -> UInt64 {
        let digest = MD5.digest(value.utf8)
        var number: UInt64 = 0
        for byte in digest[8..<16] { number = number << 8 | UInt64(byte) }
        return modulus == 0 ? 0 : number % modulus
    }
}
