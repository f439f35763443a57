/// The number formats of Prometheus's `humanize*` template functions.
enum HumanizeFormat {
    private static func g4(_ value: Double) -> String { GoFloat.format(value, verb: "g", precision: 4) }

    /// `humanize`: SI prefixes (k, M, G, ... and m, u, n, ...), four significant digits.
    static func humanize(_ input: Double) -> String {
        var value = input
        if value == 0 || value.isNaN || value.isInfinite { return g4(value) }
        var prefix = ""
        if Swift.abs(value) >= 1 {
            for candidate in ["k", "M", "G", "T", "P", "E", "Z", "Y"] {
                if Swift.abs(value) < 1000 { break }
                prefix = candidate
                value /= 1000
            }
            return g4(value) + prefix
        }
        for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if Swift.abs(value) >= 1 { break }
            prefix = candidate
            value *= 1000
        }
        return g4(value) + prefix
    }

    /// `humanize1024`: binary prefixes (ki, Mi, ...).
    static func humanize1024(_ input: Double) -> String {
        var value = input
        if Swift.abs(value) <= 1 || value.isNaN || value.isInfinite { return g4(value) }
        var prefix = ""
        for candidate in ["ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"] {
            if Swift.abs(value) < 1024 { break }
            prefix = candidate
            value /= 1024
        }
        return g4(value) + prefix
    }

    /// `humanizeDuration`: seconds as `1d 2h 3m 4s`, or `1.5s`, `250ms`.
    static func duration(_ input: Double) -> String {
        var value = input
        if value.isNaN || value.isInfinite { return g4(value) }
        if value == 0 { return g4(value) + "s" }
        if Swift.abs(value) >= 1 {
            var sign = ""
            if value < 0 {
                sign = "-"
                value = -value
            }
            let total = value >= 9.2e18 ? Int64.max : Int64(value)
            let seconds = total % 60
            let minutes = (total / 60) % 60
            let hours = (total / 60 / 60) % 24
            let days = total / 60 / 60 / 24
            if days != 0 { return "\(sign)\(days)d \(hours)h \(minutes)m \(seconds)s" }
            if hours != 0 { return "\(sign)\(hours)h \(minutes)m \(seconds)s" }
            if minutes != 0 { return "\(sign)\(minutes)m \(seconds)s" }
            return sign + g4(value) + "s"
        }
        var prefix = ""
        for candidate in ["m", "u", "n", "p", "f", "a", "z", "y"] {
            if Swift.abs(value) >= 1 { break }
            prefix = candidate
            value *= 1000
        }
        return g4(value) + prefix + "s"
    }

    /// `humanizeTimestamp`: Unix seconds as Go prints a UTC `time.Time`, at millisecond
    /// precision (`2021-03-04 05:06:07.5 +0000 UTC`).
    static func timestamp(_ seconds: Double) throws(TemplateFunctionError) -> String {
        if seconds.isNaN || seconds.isInfinite { return g4(seconds) }
        let nanoseconds = seconds * 1e9
        guard nanoseconds < 9.223372036854775807e18, nanoseconds >= -9.223372036854775808e18 else {
            throw TemplateFunctionError("\(GoFloat.format(seconds, verb: "g", precision: nil)) cannot be "
                + "represented as a nanoseconds timestamp since it overflows int64")
        }
        let milliseconds = Int64(nanoseconds) / 1_000_000
        return formatUTC(milliseconds: milliseconds)
    }

    /// `YYYY-MM-DD hh:mm:ss[.fff] +0000 UTC` for a Unix time in milliseconds.
    static func formatUTC(milliseconds: Int64) -> String {
        var wholeSeconds = milliseconds / 1000
        var fraction = milliseconds % 1000
        if fraction < 0 {
            fraction += 1000
            wholeSeconds -= 1
        }
        var days = wholeSeconds / 86_400
        var secondOfDay = wholeSeconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var text = "\(year)-\(two(month))-\(two(day)) \(two(secondOfDay / 3600)):"
            + "\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + " +0000 UTC"
    }

    /// Howard Hinnant's days-to-civil conversion (proleptic Gregorian calendar).
    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
