import Exposition
import TSDB

/// How scraped series get their final labels: target labels, `honor_labels`, metric
/// relabeling, then validity and limit checks (Prometheus 2.42's `mutateSampleLabels`,
/// `resolveConflictingExposedLabels` and `verifyLabelLimits`).
enum SampleLabels {
    /// The exposed labels combined with the target labels, then metric-relabeled.
    /// Nil when relabeling drops the series.
    static func mutate(_ exposed: Exposition.Labels, targetLabels: TSDB.Labels, honorLabels: Bool,
                       rules: [RelabelConfig]) -> TSDB.Labels? {
        var result: [String: String] = [:]
        result.reserveCapacity(exposed.count + targetLabels.count)
        for label in exposed { result[label.name] = label.value }
        if honorLabels {
            for label in targetLabels.pairs where exposed[label.name] == nil {
                result[label.name] = label.value
            }
        } else {
            var conflicts: [Exposition.Label] = []
            for label in targetLabels.pairs {
                if let existing = exposed[label.name], !existing.isEmpty {
                    conflicts.append(Exposition.Label(name: label.name, value: existing))
                }
                result[label.name] = label.value
            }
            if !conflicts.isEmpty {
                resolveConflicts(&conflicts, exposed: exposed, targetLabels: targetLabels)
                for label in conflicts { result[label.name] = label.value }
            }
        }
        let labels = TSDB.Labels(result.map { TSDB.Label(name: $0.key, value: $0.value) })
        return relabel(labels, rules: rules)
    }

    /// Renames clashing exposed labels to `exported_<name>` (more prefixes while that name
    /// is taken), shortest names first, as Prometheus does.
    private static func resolveConflicts(_ conflicts: inout [Exposition.Label], exposed: Exposition.Labels,
                                         targetLabels: TSDB.Labels) {
        conflicts = conflicts.enumerated().sorted { lhs, rhs in
            lhs.element.name.utf8.count != rhs.element.name.utf8.count
                ? lhs.element.name.utf8.count < rhs.element.name.utf8.count : lhs.offset < rhs.offset
        }.map(\.element)
        for index in conflicts.indices {
            var newName = conflicts[index].name
            while true {
                newName = "exported_" + newName
                let taken = exposed[newName] != nil || targetLabels[newName] != nil
                    || conflicts[..<index].contains { $0.name == newName }
                if !taken { break }
            }
            conflicts[index].name = newName
        }
    }

    /// Why a final label set cannot be stored, or nil: no metric name, invalid names.
    static func validate(_ labels: TSDB.Labels) -> ScrapeError? {
        guard let name = labels.metricName else {
            return ScrapeError(.invalidSeries, "missing metric name (__name__ label)")
        }
        let valid = isValidMetricName(name)
            && labels.pairs.allSatisfy { $0.name == TSDB.Labels.metricName || LabelNameRules.isValidLabelName($0.name) }
        return valid ? nil : ScrapeError(.invalidSeries, "invalid metric name or label names: \(labels)")
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    static func isValidMetricName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        for (index, byte) in name.utf8.enumerated() {
            let letter = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: ":")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !(letter || (digit && index > 0)) { return false }
        }
        return true
    }
}

/// `label_limit`, `label_name_length_limit`, `label_value_length_limit` (0 = none).
struct LabelLimits: Sendable, Hashable {
    var labelLimit = 0
    var nameLengthLimit = 0
    var valueLengthLimit = 0

    /// The first limit `labels` exceeds, with Prometheus' message, or nil.
    func check(_ labels: TSDB.Labels) -> ScrapeError? {
        let metric = Self.truncated(labels.metricName ?? "")
        if labelLimit > 0 && labels.count > labelLimit {
            return ScrapeError(.labelLimit,
                "label_limit exceeded (metric: \(metric), number of labels: \(labels.count), limit: \(labelLimit))")
        }
        guard nameLengthLimit > 0 || valueLengthLimit > 0 else { return nil }
        for label in labels.pairs {
            let nameLength = label.name.utf8.count
            if nameLengthLimit > 0 && nameLength > nameLengthLimit {
                return ScrapeError(.labelLimit,
                    "label_name_length_limit exceeded (metric: \(metric), label name: \(Self.truncated(label.name)), "
                    + "length: \(nameLength), limit: \(nameLengthLimit))")
            }
            let valueLength = label.value.utf8.count
            if valueLengthLimit > 0 && valueLength > valueLengthLimit {
                return ScrapeError(.labelLimit,
                    "label_value_length_limit exceeded (metric: \(metric), label name: \(Self.truncated(label.name)), "
                    + "value: \"\(Self.truncated(label.value))\", length: \(valueLength), limit: \(valueLengthLimit))")
            }
        }
        return nil
    }

    /// Go's `%.50s`: at most 50 characters.
    private static func truncated(_ text: String) -> String {
        text.unicodeScalars.count <= 50 ? text : String(String.UnicodeScalarView(text.unicodeScalars.prefix(50)))
    }
}
