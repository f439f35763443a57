/// Prometheus duration syntax (`1h30m`, `15s`, `500ms`, `0`), for validation and for
/// comparing `scrapeTimeout` with the interval.
enum PrometheusDuration {
    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("y", 365 * 86_400_000), ("w", 7 * 86_400_000), ("d", 86_400_000), ("h", 3_600_000),
        ("m", 60_000), ("s", 1_000), ("ms", 1),
    ]

    /// Milliseconds, or nil when `text` is not a valid duration. Units must appear in
    /// descending order, each at most once.
    static func milliseconds(_ text: String) -> Int64? {
        if text == "0" { return 0 }
        var rest = Substring(text)
        var total: Int64 = 0
        var nextUnit = 0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            // "ms" must be tried before "m".
            let candidates = units.enumerated().filter { $0.offset >= nextUnit }
                .sorted { $0.element.suffix.count > $1.element.suffix.count }
            guard let match = candidates.first(where: { rest.hasPrefix($0.element.suffix) }) else { return nil }
            rest = rest.dropFirst(match.element.suffix.count)
            let (product, overflow) = value.multipliedReportingOverflow(by: match.element.milliseconds)
            guard !overflow else { return nil }
            let (sum, sumOverflow) = total.addingReportingOverflow(product)
            guard !sumOverflow else { return nil }
            total = sum
            nextUnit = match.offset + 1
        }
        return total
    }
}
