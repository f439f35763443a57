/// One name/value pair of a series' identity.
public struct Label: Sendable, Hashable, Comparable {
    /// The label name, e.g. `__name__` or `job`.
    public let name: String
    /// The label value; never empty inside a ``Labels`` set.
    public let value: String

    /// A pair; an empty value means "no such label" once it is put in a ``Labels``.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public static func < (lhs: Label, rhs: Label) -> Bool {
        lhs.name != rhs.name ? lhs.name < rhs.name : lhs.value < rhs.value
    }
}

/// A compact, immutable label set identifying one series, sorted by name.
///
/// The metric name is the `__name__` label. As in Prometheus, a label with an empty value
/// is the same as no label, so such pairs are dropped on construction. When a name occurs
/// twice the last value wins. Equality compares the full set; ``stableHash`` is a 64-bit
/// FNV-1a hash that does not change between runs (unlike `hashValue`), so it can shard
/// series and be written to disk.
///
/// Known difference from Prometheus: names and values compare as Swift `String`s, which
/// treat canonically equivalent Unicode (precomposed "é" and "e" + U+0301) as equal,
/// where Prometheus compares bytes. Sorting of selected series uses byte order
/// (an internal byte key), as Prometheus does.
///
/// ```swift
/// let labels = Labels(["__name__": "up", "job": "api"])
/// labels["job"]    // "api"
/// ```
public struct Labels: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name of the label that carries the metric name.
    public static let metricName = "__name__"

    /// The pairs, sorted by name, names unique, values non-empty.
    public let pairs: [Label]

    /// The empty label set.
    public init() { pairs = [] }

    /// Builds a set from pairs in any order.
    public init(_ pairs: [Label]) {
        var sorted = pairs.enumerated().sorted { lhs, rhs in
            lhs.element.name != rhs.element.name
                ? lhs.element.name < rhs.element.name : lhs.offset < rhs.offset
        }.map(\.element)
        // Keep the last occurrence of a duplicated name, then drop empty values.
        var unique: [Label] = []
        unique.reserveCapacity(sorted.count)
        for label in sorted {
            if let last = unique.last, last.name == label.name {
                unique[unique.count - 1] = label
            } else {
                unique.append(label)
            }
        }
        sorted = unique.filter { !$0.value.isEmpty }
        self.pairs = sorted
    }

    /// Builds a set from a dictionary of name to value.
    public init(_ dictionary: [String: String]) {
        self.init(dictionary.map { Label(name: $0.key, value: $0.value) })
    }

    /// Trusts that `pairs` are already sorted, unique and non-empty (snapshot restore).
    init(validatedPairs pairs: [Label]) {
        self.pairs = pairs
    }

    /// The value of `name`, or nil when the set lacks that label.
    public subscript(name: String) -> String? {
        var low = 0
        var high = pairs.count
        while low < high {
            let mid = (low + high) / 2
            if pairs[mid].name < name { low = mid + 1 } else { high = mid }
        }
        return low < pairs.count && pairs[low].name == name ? pairs[low].value : nil
    }

    /// The metric name (`__name__`), if any.
    public var metricName: String? { self[Labels.metricName] }

    /// Number of labels in the set.
    public var count: Int { pairs.count }

    /// Whether the set has no labels.
    public var isEmpty: Bool { pairs.isEmpty }

    /// Orders sets pair by pair, as Prometheus `labels.Compare` does.
    public static func < (lhs: Labels, rhs: Labels) -> Bool {
        // An index loop: sorting selected series calls this O(n log n) times.
        let left = lhs.pairs
        let right = rhs.pairs
        for index in 0..<min(left.count, right.count) {
            if left[index].name != right[index].name { return left[index].name < right[index].name }
            if left[index].value != right[index].value { return left[index].value < right[index].value }
        }
        return left.count < right.count
    }

    /// `{__name__="up", job="api"}` in Prometheus' label-set notation.
    public var description: String {
        let inner = pairs.map { "\($0.name)=\"\(Labels.escape($0.value))\"" }
        return "{" + inner.joined(separator: ", ") + "}"
    }

    private static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Labels {
    /// A 64-bit FNV-1a hash over `name 0xff value 0xff` for every pair.
    ///
    /// Stable across processes and platforms. Not collision-free: the store compares full
    /// label sets whenever two sets share a hash.
    public var stableHash: UInt64 {
        var hash = FNV1a()
        for pair in pairs {
            hash.combine(contentsOf: pair.name.utf8)
            hash.combine(0xff)
            hash.combine(contentsOf: pair.value.utf8)
            hash.combine(0xff)
        }
        return hash.value
    }
}
