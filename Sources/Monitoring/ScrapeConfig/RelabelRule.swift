/// One Prometheus `relabel_configs` / `metric_relabel_configs` entry as written to the
/// config. prometheus-operator writes its own rules with three different key orders, so
/// the rule carries its ``Layout``.
public struct RelabelRule: Encodable, Sendable, Equatable {
    /// The order keys are written in.
    public enum Layout: Sendable, Equatable {
        /// `source_labels, separator, target_label, regex, modulus, replacement, action`
        /// (user rules, sharding, most of prometheus-operator's own).
        case standard
        /// `action, source_labels, regex` (selector, port and pod-phase filters).
        case actionFirst
        /// `source_labels, separator, regex, replacement, target_label` (node/pod from the
        /// endpoint address target).
        case targetLabelLast
    }

    public var layout: Layout
    public var sourceLabels: [String]?
    public var separator: String?
    public var targetLabel: String?
    /// An integer for the numeric `targetPort` filter, a string otherwise.
    public var regex: IntOrString?
    public var modulus: UInt64?
    public var replacement: String?
    public var action: String?

    init(_ layout: Layout = .standard, sourceLabels: [String]? = nil, separator: String? = nil,
         targetLabel: String? = nil, regex: IntOrString? = nil, modulus: UInt64? = nil,
         replacement: String? = nil, action: String? = nil) {
        (self.layout, self.sourceLabels, self.separator, self.targetLabel) = (layout, sourceLabels, separator, targetLabel)
        (self.regex, self.modulus, self.replacement, self.action) = (regex, modulus, replacement, action)
    }

    enum CodingKeys: String, CodingKey {
        case sourceLabels = "source_labels", separator, targetLabel = "target_label", regex, modulus
        case replacement, action
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch layout {
        case .standard:
            try c.encodeIfPresent(sourceLabels, forKey: .sourceLabels)
            try c.encodeIfPresent(separator, forKey: .separator)
            try c.encodeIfPresent(targetLabel, forKey: .targetLabel)
            try c.encodeIfPresent(regex, forKey: .regex)
            try c.encodeIfPresent(modulus, forKey: .modulus)
            try c.encodeIfPresent(replacement, forKey: .replacement)
            try c.encodeIfPresent(action, forKey: .action)
        case .actionFirst:
            try c.encodeIfPresent(action, forKey: .action)
            try c.encodeIfPresent(sourceLabels, forKey: .sourceLabels)
            try c.encodeIfPresent(regex, forKey: .regex)
        case .targetLabelLast:
            try c.encodeIfPresent(sourceLabels, forKey: .sourceLabels)
            try c.encodeIfPresent(separator, forKey: .separator)
            try c.encodeIfPresent(regex, forKey: .regex)
            try c.encodeIfPresent(replacement, forKey: .replacement)
            try c.encodeIfPresent(targetLabel, forKey: .targetLabel)
        }
    }

    /// A user rule from the CRD form (3.6): empty lists/strings and zero modulus are left
    /// out, except `separator` and `replacement`, which are written whenever present.
    init(_ spec: RelabelConfigSpec) {
        self.init(
            sourceLabels: (spec.sourceLabels ?? []).isEmpty ? nil : spec.sourceLabels,
            separator: spec.separator,
            targetLabel: (spec.targetLabel ?? "").isEmpty ? nil : spec.targetLabel,
            regex: (spec.regex ?? "").isEmpty ? nil : spec.regex.map(IntOrString.string),
            modulus: spec.modulus == 0 ? nil : spec.modulus,
            replacement: spec.replacement,
            action: spec.effectiveAction)
    }
}
