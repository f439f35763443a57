import Foundation

/// Go's `strconv`/`fmt` float formatting (`%v`, `%g`, `%e`, `%f` with optional precision),
/// so template output matches Prometheus digit for digit.
enum GoFloat {
    /// Decimal digits without trailing zeros and the position of the decimal point
    /// (`digits` 0.d1d2... × 10^point); zero has no digits.
    private struct Digits {
        var digits: [Character]
        var point: Int
    }

    /// Formats `value` like Go's `fmt` with `verb` (`g`, `G`, `e`, `E`, `f`, `F`, `v`);
    /// `precision` nil means Go's default (shortest for `g`/`v`, 6 for `e`/`f`).
    static func format(_ value: Double, verb: Character, precision: Int?, plus: Bool = false,
                       space: Bool = false) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let sign = value.sign == .minus ? "-" : plus ? "+" : space ? " " : ""
        let magnitude = Swift.abs(value)
        let body: String
        switch verb {
        case "e", "E":
            body = String(format: "%.\(precision ?? 6)e", magnitude)
        case "f", "F":
            body = String(format: "%.\(precision ?? 6)f", magnitude)
        default:
            body = formatG(magnitude, precision: precision)
        }
        let cased = verb == "E" || verb == "G" ? body.uppercased() : body
        return sign + cased
    }

    /// `strconv.FormatFloat(v, 'E', -1, 64)`: the shortest digits in exponent form (`1.5E+00`).
    static func shortestExponent(_ value: Double, uppercase: Bool = true) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let digits = shortestDigits(Swift.abs(value))
        let sign = value.sign == .minus ? "-" : ""
        let text = formatE(digits, precision: max(digits.digits.count - 1, 0))
        return sign + (uppercase ? text.uppercased() : text)
    }

    /// strconv.FormatFloat(x, 'g', precision ?? -1, 64) for a non-negative finite x.
    private static func formatG(_ value: Double, precision: Int?) -> String {
        let shortest = precision == nil
        let digits: Digits
        var prec: Int
        if let precision {
            prec = max(precision, 1)
            digits = rounded(value, significant: prec)
        } else {
            digits = shortestDigits(value)
            prec = digits.digits.count
        }
        var exponentPrecision = prec
        if exponentPrecision > digits.digits.count, digits.digits.count >= digits.point {
            exponentPrecision = digits.digits.count
        }
        if shortest { exponentPrecision = 6 }
        let exponent = digits.point - 1
        if exponent < -4 || exponent >= exponentPrecision {
            if prec > digits.digits.count { prec = digits.digits.count }
            return formatE(digits, precision: prec - 1)
        }
        if prec > digits.point { prec = digits.digits.count }
        return formatF(digits, precision: max(prec - digits.point, 0))
    }

    private static func formatE(_ digits: Digits, precision: Int) -> String {
        var out = String(digits.digits.first ?? "0")
        if precision > 0 {
            out.append(".")
            var index = 1
            let end = min(digits.digits.count, precision + 1)
            while index < end {
                out.append(digits.digits[index])
                index += 1
            }
            while index <= precision {
                out.append("0")
                index += 1
            }
        }
        let exponent = digits.digits.isEmpty ? 0 : digits.point - 1
        out.append(exponent < 0 ? "e-" : "e+")
        let magnitude = Swift.abs(exponent)
        out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        return out
    }

    private static func formatF(_ digits: Digits, precision: Int) -> String {
        var out = ""
        if digits.point > 0 {
            let end = min(digits.digits.count, digits.point)
            out.append(contentsOf: digits.digits[0..<end])
            if end < digits.point { out += String(repeating: "0", count: digits.point - end) }
        } else {
            out = "0"
        }
        if precision > 0 {
            out.append(".")
            for offset in 1...precision {
                let index = digits.point + offset - 1
                out.append(index >= 0 && index < digits.digits.count ? digits.digits[index] : "0")
            }
        }
        return out
    }

    /// The shortest digits that read back as `value` (Swift's `description` finds them).
    private static func shortestDigits(_ value: Double) -> Digits {
        parse(value.description)
    }

    /// `value` rounded to `significant` digits (C's `%e` rounds exactly, as Go does).
    private static func rounded(_ value: Double, significant: Int) -> Digits {
        parse(String(format: "%.\(significant - 1)e", value))
    }

    /// Reads `123.45`, `1.2e-05`, `0.001` into digits and decimal point position.
    private static func parse(_ text: String) -> Digits {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts.first ?? ""
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = Array(integerPart + fraction)
        var point = integerPart.count + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        if digits.isEmpty { point = 0 }
        return Digits(digits: digits, point: point)
    }
}
