/// What a relabel rule does, with the spellings of Prometheus 2.42 (`action:` in YAML).
public enum RelabelAction: String, Sendable, Hashable, CaseIterable, Codable {
    /// Sets `target_label` to the expanded `replacement` when `regex` matches the source value.
    case replace
    /// Drops the label set unless `regex` matches the source value.
    case keep
    /// Drops the label set when `regex` matches the source value.
    case drop
    /// Drops the label set unless the source value equals the value of `target_label`.
    case keepEqual = "keepequal"
    /// Drops the label set when the source value equals the value of `target_label`.
    case dropEqual = "dropequal"
    /// Sets `target_label` to the MD5 of the source value modulo `modulus` (sharding).
    case hashMod = "hashmod"
    /// Copies every label whose name matches `regex` to the name `replacement` expands to.
    case labelMap = "labelmap"
    /// Removes every label whose name matches `regex`.
    case labelDrop = "labeldrop"
    /// Removes every label whose name does not match `regex`.
    case labelKeep = "labelkeep"
    /// Sets `target_label` to the lower-cased source value.
    case lowercase
    /// Sets `target_label` to the upper-cased source value.
    case uppercase

    /// Prometheus reads the action case-insensitively (`Replace` is `replace`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let action = RelabelAction(rawValue: text.lowercased()) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "unknown relabel action \"\(text)\"")
        }
        self = action
    }
}
