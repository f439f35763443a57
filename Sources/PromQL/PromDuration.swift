/// Prometheus durations (`model.Duration`): parsing and printing, in milliseconds.
public enum PromDuration {
    /// Units in the order they must appear, with their length in milliseconds.
    static let units: [(name: String, milliseconds: Int64)] = [
        ("y", 365 * 24 * 3_600_000), ("w", 7 * 24 * 3_600_000), ("d", 24 * 3_600_000),
        ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// The largest duration Go's `time.Duration` holds, in milliseconds.
    static let maximumMilliseconds = Int64.max / 1_000_000

    /// Why a duration string was rejected; `description` is `model.ParseDuration`'s message.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        case invalid(String)
        case outOfRange

        public var description: String {
            switch self {
            case .empty: return "empty duration string"
            case .invalid(let text): return "not a valid duration string: \(GoQuoting.quote(text))"
            case .outOfRange: return "duration out of range"
            }
        }
    }

    /// Parses `1h30m`, `5m`, `100ms`, `0`: integer groups with units in descending order.
    public static func parse(_ text: String) throws(Failure) -> Int64 {
        if text == "0" { return 0 }
        if text.isEmpty { throw .empty }
        let bytes = Array(text.utf8)
        var index = 0
        var nextUnit = 0
        var total: Int64 = 0
        var overflow = false
        while index < bytes.count {
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                index += 1
            }
            guard index > digitsStart, let unit = unitIndex(bytes, at: &index, from: nextUnit) else {
                throw .invalid(text)
            }
            nextUnit = unit + 1
            let multiplier = units[unit].milliseconds
            // Digits that overflow Int64 behave like Go's clamped Atoi: out of range.
            let count = Int64(String(decoding: bytes[digitsStart..<(index - units[unit].name.utf8.count)],
                                     as: UTF8.self)) ?? Int64.max
            if count > maximumMilliseconds / multiplier {
                overflow = true
            } else {
                total += count * multiplier
                if total > maximumMilliseconds { overflow = true }
            }
        }
        if overflow { throw .outOfRange }
        return total
    }

    /// Matches a unit at `index` no earlier than `from` in `units`, advancing past it.
    private static func unitIndex(_ bytes: [UInt8], at index: inout Int, from first: Int) -> Int? {
        let isMilliseconds = index + 1 < bytes.count && bytes[index] == UInt8(ascii: "m")
            && bytes[index + 1] == UInt8(ascii: "s")
        for unit in first..<units.count {
            let name = Array(units[unit].name.utf8)
            if name == [UInt8(ascii: "m")] && isMilliseconds { continue }
            if index + name.count <= bytes.count, Array(bytes[index..<(index + name.count)]) == name {
                index += name.count
                return unit
            }
        }
        return nil
    }

    /// Formats like `model.Duration.String()`: `1h30m`, `90d`, `0s`; years and weeks only
    /// when they divide exactly. Negative values get a leading `-`.
    public static func format(_ milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        if milliseconds < 0 { return "-" + format(milliseconds == Int64.min ? Int64.max : -milliseconds) }
        var remaining = milliseconds
        var out = ""
        for (index, unit) in units.enumerated() {
            let exactOnly = index < 2
            if exactOnly && remaining % unit.milliseconds != 0 { continue }
            let value = remaining / unit.milliseconds
            if value > 0 {
                out += "\(value)\(unit.name)"
                remaining -= value * unit.milliseconds
            }
        }
        return out
    }
}
