/// One label: a name and its value.
public struct Label: Sendable, Hashable {
    /// The label name, e.g. `job` (or `__name__` for the metric name).
    public var name: String
    /// The label value; may be empty.
    public var value: String

    /// Creates a label.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A set of labels sorted by name (byte order), names unique, `__name__` included.
///
/// This is the series identity the TSDB and PromQL work with. It is a plain value: an array
/// of ``Label`` kept sorted, so equal label sets compare and hash equal.
///
/// ```swift
/// let labels = Labels(["__name__": "up", "job": "api"])
/// labels["job"]      // "api"
/// labels.metricName  // "up"
/// ```
public struct Labels: Sendable, Hashable, RandomAccessCollection, CustomStringConvertible {
    /// The label name that carries the metric name.
    public static let metricNameLabel = "__name__"

    private var storage: [Label]

    /// The empty label set.
    public init() {
        storage = []
    }

    /// Creates a label set from labels in any order. When a name repeats, the last value wins.
    public init(_ labels: [Label]) {
        var sorted = labels
        Self.sortByName(&sorted)
        var unique: [Label] = []
        unique.reserveCapacity(sorted.count)
        for label in sorted {
            if let last = unique.last, last.name == label.name {
                unique[unique.count - 1] = label
            } else {
                unique.append(label)
            }
        }
        storage = unique
    }

    /// Creates a label set from a dictionary of name to value.
    public init(_ dictionary: [String: String]) {
        self.init(dictionary.map { Label(name: $0.key, value: $0.value) })
    }

    /// Wraps labels the caller has already sorted by name and checked for duplicates.
    init(sortedUnique labels: [Label]) {
        storage = labels
    }

    public var startIndex: Int { storage.startIndex }
    public var endIndex: Int { storage.endIndex }
    public subscript(position: Int) -> Label { storage[position] }

    /// The value of the label called `name`, or nil if there is none.
    public subscript(name: String) -> String? {
        // Label sets are small (typically < 10), so a linear scan beats a binary search.
        for label in storage where label.name == name {
            return label.value
        }
        return nil
    }

    /// The value of `__name__`, or nil if there is none.
    public var metricName: String? { self[Self.metricNameLabel] }

    /// A copy without the label called `name`.
    public func removing(_ name: String) -> Labels {
        Labels(sortedUnique: storage.filter { $0.name != name })
    }

    /// A copy with `name` set to `value` (added or replaced).
    public func setting(_ name: String, to value: String) -> Labels {
        var copy = storage.filter { $0.name != name }
        copy.append(Label(name: name, value: value))
        Self.sortByName(&copy)
        return Labels(sortedUnique: copy)
    }

    /// The labels in Prometheus notation: `{__name__="up", job="api"}`.
    public var description: String {
        let inner = storage.map { "\($0.name)=\"\(LabelValueEscaping.escape($0.value))\"" }
        return "{" + inner.joined(separator: ", ") + "}"
    }

    /// Sorts by name in byte order, as Prometheus does (not by Unicode collation).
    private static func sortByName(_ labels: inout [Label]) {
        labels.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }
}

/// Escaping of label values in both text formats: backslash, double quote and newline.
enum LabelValueEscaping {
    /// Escapes `\`, `"` and newline for a quoted label value.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") || $0 == 0x0A })
        else { return value }
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
