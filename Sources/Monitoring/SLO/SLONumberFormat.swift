/// Formats floating-point numbers the way Sloth (Go) prints them, so generated rules are
/// byte-compatible with Sloth's output (slo-rules.md §7).
///
/// Swift's `description` already yields the shortest digits that round-trip, exactly as Go's
/// `strconv` does with precision -1; only the layout differs (`30.0` vs `30`, `1000000.0`
/// vs `1e+06`), so this re-lays those digits out.
enum SLONumberFormat {
    /// Go's `%v` / `strconv.FormatFloat(x, 'g', -1, 64)`: exponent form when the decimal
    /// exponent is below -4 or at least 6 (Go prints `1e+06` and `1e-05`), with at least two
    /// exponent digits.
    static func goG(_ value: Double) -> String {
        guard value.isFinite else { return goSpecial(value) }
        let (negative, digits, pointPosition) = shortestDigits(value)
        let sign = negative ? "-" : ""
        if digits == "0" { return sign + "0" }
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let magnitude = abs(exponent)
            let exponentDigits = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exponentDigits
        }
        return sign + plainLayout(digits: digits, pointPosition: pointPosition)
    }

    /// Go's `strconv.FormatFloat(x, 'f', -1, 64)`: shortest digits, never an exponent.
    static func goF(_ value: Double) -> String {
        guard value.isFinite else { return goSpecial(value) }
        let (negative, digits, pointPosition) = shortestDigits(value)
        if digits == "0" { return negative ? "-0" : "0" }
        return (negative ? "-" : "") + plainLayout(digits: digits, pointPosition: pointPosition)
    }

    private static func goSpecial(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        return value < 0 ? "-Inf" : "+Inf"
    }

    private static func plainLayout(digits: String, pointPosition: Int) -> String {
        if pointPosition <= 0 {
            return "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if pointPosition >= digits.count {
            return digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return digits[..<split] + "." + digits[split...]
    }

    /// Shortest round-trip significant digits (no leading or trailing zeros) and the position
    /// of the decimal point relative to the first digit (`0.005` → ("5", -2)).
    private static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
        let text = "\(abs(value))"          // e.g. "14.4", "30.0", "1.0000000000047748e-05"
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first.map(String.init) ?? text
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = pieces.first.map(String.init) ?? ""
        let fractionPart = pieces.count > 1 ? String(pieces[1]) : ""
        var all = integerPart + fractionPart
        var point = integerPart.count + exponent
        while all.first == "0" {
            all.removeFirst()
            point -= 1
        }
        while all.last == "0" { all.removeLast() }
        if all.isEmpty { return (value.sign == .minus, "0", 1) }
        return (value.sign == .minus, all, point)
    }
}
