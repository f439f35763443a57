/// Prometheus' duration syntax (`model.Duration`): `1h30m`, `15s`, `500ms`, units y w d h m s ms.
public enum PrometheusDuration {
    private static let units: [(String, Int64)] = [
        ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000), ("w", 604_800_000),
        ("y", 31_536_000_000),
    ]

    /// Parses `text`; nil when it is not a Prometheus duration.
    public static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        var rest = Substring(text)
        var total: Int64 = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix { $0.isASCII && $0.isLetter }
            guard let unit = units.first(where: { $0.0 == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            let (product, overflow) = number.multipliedReportingOverflow(by: unit.1)
            guard !overflow else { return nil }
            let (sum, overflowSum) = total.addingReportingOverflow(product)
            guard !overflowSum else { return nil }
            total = sum
        }
        return .milliseconds(total)
    }

    /// Formats as Prometheus prints durations: `1m`, `1m30s`, `500ms`, `0s`.
    public static func format(_ duration: Duration) -> String {
        var milliseconds = duration.wholeMilliseconds
        if milliseconds == 0 { return "0s" }
        var output = ""
        for (name, size) in units.reversed() where milliseconds >= size {
            // Prometheus prints weeks only for whole weeks and years only for whole years.
            if name == "y" || name == "w", milliseconds % size != 0 { continue }
            output += "\(milliseconds / size)\(name)"
            milliseconds %= size
        }
        return output
    }
}

extension Duration {
    /// Whole milliseconds, truncated toward zero: the unit of Prometheus durations and of
    /// sample timestamps.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
