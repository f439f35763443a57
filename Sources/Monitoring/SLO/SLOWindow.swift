/// A time window of an SLO (an alert window or the SLO period), in whole seconds.
///
/// Printed in Prometheus duration notation as Prometheus' `model.Duration` does: largest
/// units first, weeks and years only when they divide the window exactly (`1d`, `30d`, `4w`,
/// `1w`, `90d`). The printed form is part of every recording rule name
/// (`slo:sli_error:ratio_rate<window>`), so it must match Sloth's.
public struct SLOWindow: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Length in seconds.
    public let seconds: Int

    /// A window of `seconds` seconds.
    public init(seconds: Int) { self.seconds = seconds }

    static func minutes(_ count: Int) -> SLOWindow { SLOWindow(seconds: count * 60) }
    static func hours(_ count: Int) -> SLOWindow { SLOWindow(seconds: count * 3600) }
    static func days(_ count: Int) -> SLOWindow { SLOWindow(seconds: count * 86_400) }

    /// Length in hours (may be fractional for windows below one hour).
    public var hours: Double { Double(seconds) / 3600 }

    /// Parses a Prometheus duration such as `30d`, `4w`, `720h` or `1h30m`; nil if malformed
    /// or not a whole number of seconds.
    public init?(parsing text: String) {
        let units: [(String, Int)] = [("y", 31_536_000), ("w", 604_800), ("d", 86_400), ("h", 3600),
                                      ("ms", 0), ("m", 60), ("s", 1)]
        var rest = Substring(text)
        var total = 0
        var lastUnitRank = -1
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, let number = Int(digits), number < 1_000_000 else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let rank = units.firstIndex(where: { rest.hasPrefix($0.0) }), rank > lastUnitRank else {
                return nil
            }
            let (unit, multiplier) = units[rank]
            guard multiplier > 0 else { return nil }   // milliseconds: never a whole SLO window
            rest = rest.dropFirst(unit.count)
            total += number * multiplier
            lastUnitRank = rank
        }
        guard total > 0 else { return nil }
        self.seconds = total
    }

    /// Prometheus notation, e.g. `5m`, `1d`, `4w`.
    public var description: String {
        var remaining = seconds
        var text = ""
        for (unit, size, exactOnly) in [("y", 31_536_000, true), ("w", 604_800, true), ("d", 86_400, false),
                                        ("h", 3600, false), ("m", 60, false), ("s", 1, false)] {
            if exactOnly && remaining % size != 0 { continue }
            let count = remaining / size
            if count > 0 {
                text += "\(count)\(unit)"
                remaining -= count * size
            }
        }
        return text.isEmpty ? "0s" : text
    }

    public static func < (lhs: SLOWindow, rhs: SLOWindow) -> Bool { lhs.seconds < rhs.seconds }
}
