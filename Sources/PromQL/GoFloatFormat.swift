/// Go's float formatting where PromQL output depends on it (and where the HTTP API prints
/// sample values the way Prometheus does).
public enum GoFloatFormat {
    /// `strconv.FormatFloat(x, 'f', -1, 64)`: the shortest digits that round-trip, never in
    /// exponent form (`1e+30` prints as `1000000000000000000000000000000`); `+Inf`, `NaN`.
    public static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        var text = "\(value)"
        var sign = ""
        if text.hasPrefix("-") {
            sign = "-"
            text.removeFirst()
        }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? "0"
        let fractionPart = parts.count > 1 ? String(parts[1]) : ""
        var digits = integerPart + fractionPart
        var point = integerPart.count + exponent  // digits before the decimal point
        // Normalise: drop leading zeros (keeping the point where it belongs).
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.count > 1, digits.last == "0", digits.count > point {
            digits.removeLast()
        }
        if digits == "0" { return sign + "0" }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        let split = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// Go's `%f` for the values it is used on here: non-finite values and integers (the
    /// out-of-range timestamps, which are all at least 2^63 in magnitude).
    static func fixed(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let magnitude = value.magnitude
        // Below 2^52 check integrality through Int64; above it every double is an integer.
        guard magnitude >= 4_503_599_627_370_496 || Double(Int64(magnitude)) == magnitude else {
            return shortest(value)
        }
        let significand = magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0)
        var shift = Int(magnitude.exponent) - 52
        var digits = Array(String(significand)).compactMap { $0.wholeNumberValue }
        while shift > 0 {
            var carry = 0
            for index in digits.indices.reversed() {
                let doubled = digits[index] * 2 + carry
                digits[index] = doubled % 10
                carry = doubled / 10
            }
            if carry > 0 { digits.insert(carry, at: 0) }
            shift -= 1
        }
        if shift < 0 {
            return (value < 0 ? "-" : "") + String(UInt64(magnitude)) + ".000000"
        }
        return (value < 0 ? "-" : "") + digits.map(String.init).joined() + ".000000"
    }
}
