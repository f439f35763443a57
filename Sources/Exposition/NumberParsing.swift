/// Number parsing from bytes, with the syntax Prometheus accepts.
///
/// Values follow Go's `strconv.ParseFloat` as Prometheus 2.42 calls it: decimal digits with
/// an optional sign, fraction and exponent, or `Inf`/`Infinity` (optionally signed) and
/// `NaN`, case-insensitively. Hexadecimal floats and `_` digit separators are rejected, as
/// Prometheus rejects them (`unsupported character in float`). A finite literal too large
/// for a `Double` is an error, as in Go.
enum NumberParsing {
    enum Failure: Error {
        case syntax
        case outOfRange
    }

    /// Powers of ten exactly representable as `Double` (Clinger's fast path).
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Parses `bytes[start..<end]` as a float.
    static func parseDouble(_ bytes: [UInt8], _ start: Int, _ end: Int) throws(Failure) -> Double {
        guard start < end else { throw .syntax }
        var i = start
        var negative = false
        let first = bytes[i]
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            i += 1
            guard i < end else { throw .syntax }
        }
        let lead = bytes[i] | 0x20  // ASCII lower case
        if lead == UInt8(ascii: "i") {
            guard matchesIgnoringCase(bytes, i, end, "inf") || matchesIgnoringCase(bytes, i, end, "infinity") else {
                throw .syntax
            }
            return negative ? -.infinity : .infinity
        }
        if lead == UInt8(ascii: "n") {
            // Go accepts "nan" only without a sign.
            guard i == start, matchesIgnoringCase(bytes, i, end, "nan") else { throw .syntax }
            return .nan
        }
        return try parseDecimal(bytes, start, end, digitsFrom: i, negative: negative)
    }

    private static func parseDecimal(
        _ bytes: [UInt8], _ start: Int, _ end: Int, digitsFrom: Int, negative: Bool
    ) throws(Failure) -> Double {
        var i = digitsFrom
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var droppedDigits = false
        var exponent = 0
        var sawDigit = false
        var sawPoint = false
        while i < end {
            let byte = bytes[i]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                sawDigit = true
                if mantissa == 0 && byte == UInt8(ascii: "0") {
                    if sawPoint { exponent -= 1 }
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
                    significantDigits += 1
                    if sawPoint { exponent -= 1 }
                } else {
                    droppedDigits = true
                    if !sawPoint { exponent += 1 }
                }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { throw .syntax }
        if i < end {
            guard bytes[i] | 0x20 == UInt8(ascii: "e") else { throw .syntax }
            i += 1
            var exponentNegative = false
            if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < end else { throw .syntax }
            var explicit = 0
            while i < end {
                let byte = bytes[i]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw .syntax }
                if explicit < 100_000 { explicit = explicit * 10 + Int(byte &- UInt8(ascii: "0")) }
                i += 1
            }
            exponent += exponentNegative ? -explicit : explicit
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        // Exact when the mantissa fits in 53 bits and the power of ten is exact.
        if !droppedDigits && mantissa < (1 << 53) && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent < 0 ? m / exactPowersOfTen[-exponent] : m * exactPowersOfTen[exponent]
            return negative ? -value : value
        }
        // Rare: long mantissas or large exponents go through the standard library's
        // correctly rounded conversion. The syntax is already checked.
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard let value = Double(text) else { throw .syntax }
        if value.isInfinite { throw .outOfRange }
        return value
    }

    /// Parses `bytes[start..<end]` as a base-10 `Int64` with an optional leading `-`.
    static func parseInt64(_ bytes: [UInt8], _ start: Int, _ end: Int, allowSign: Bool) throws(Failure) -> Int64 {
        var i = start
        var negative = false
        if allowSign && i < end && bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < end else { throw .syntax }
        var result: Int64 = 0
        while i < end {
            let byte = bytes[i]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw .syntax }
            let digit = Int64(byte &- UInt8(ascii: "0"))
            let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if overflow1 || overflow2 { throw .outOfRange }
            result = next
            i += 1
        }
        return result
    }

    /// An OpenMetrics timestamp (seconds, any real number) as milliseconds, truncated toward
    /// zero and saturated to the `Int64` range, plus its value in seconds for ordering checks.
    static func parseSecondsTimestamp(
        _ bytes: [UInt8], _ start: Int, _ end: Int
    ) throws(Failure) -> (milliseconds: Int64, seconds: Double) {
        let seconds = try parseDouble(bytes, start, end)
        guard seconds.isFinite else { throw .syntax }
        if let exact = exactMilliseconds(bytes, start, end) {
            return (exact, seconds)
        }
        // Int64(_:) truncates toward zero.
        let scaled = seconds * 1000
        if scaled >= 9.2e18 { return (.max, seconds) }
        if scaled <= -9.2e18 { return (.min, seconds) }
        return (Int64(scaled), seconds)
    }

    /// Milliseconds from a plain `-?digits(.digits)?` literal without going through `Double`,
    /// so `1700000000.123` gives exactly 1700000000123. Nil for other shapes or on overflow.
    private static func exactMilliseconds(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int64? {
        var i = start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var whole: Int64 = 0
        var sawDigit = false
        while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            let (t, o1) = whole.multipliedReportingOverflow(by: 10)
            let (n, o2) = t.addingReportingOverflow(Int64(bytes[i] &- UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            whole = n
            sawDigit = true
            i += 1
        }
        var fraction: Int64 = 0
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < end, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                if digits < 3 { fraction = fraction * 10 + Int64(bytes[i] &- UInt8(ascii: "0")) }
                digits += 1
                sawDigit = true
                i += 1
            }
            while digits < 3 {
                fraction *= 10
                digits += 1
            }
        }
        guard sawDigit, i == end else { return nil }
        let (ms, o1) = whole.multipliedReportingOverflow(by: 1000)
        let (total, o2) = ms.addingReportingOverflow(fraction)
        if o1 || o2 { return nil }
        return negative ? -total : total
    }

    private static func matchesIgnoringCase(_ bytes: [UInt8], _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { expected in
            for offset in 0..<expected.count where bytes[start + offset] | 0x20 != expected[offset] {
                return false
            }
            return true
        }
    }
}
