import PromQL

/// Timestamps and durations in API parameters, parsed as Prometheus 2.42's `parseTime`
/// and `parseDuration` do. Results are milliseconds.
public enum APITimeParsing {
    /// The earliest time Prometheus accepts for optional ranges (`minTime`), in ms.
    public static let minimumTime: Int64 = (Int64.min / 1000 + 62_135_596_801) * 1000
    /// The latest such time (`maxTime`), in ms.
    public static let maximumTime: Int64 = (Int64.max / 1000 - 62_135_596_801) * 1000 + 999

    /// What Prometheus prints `minTime`/`maxTime` as; it accepts exactly these spellings
    /// although its RFC 3339 parser cannot read years beyond four digits.
    static let minimumTimeText = "-292273086-05-16T16:47:06Z"
    static let maximumTimeText = "292277025-08-18T07:12:54.999999999Z"

    /// A unix timestamp in seconds (`1700000000`, `1700000000.5`, rounded to the
    /// millisecond) or RFC 3339 (`2023-11-14T22:13:20.5Z`, `...+01:00`).
    public static func timestamp(_ text: String) throws(APIError) -> Int64 {
        if let seconds = Double(text) {
            // Go converts with int64(), which has no meaning beyond int64's range or for
            // NaN; refusing is the only answer that cannot crash or wrap.
            guard seconds.isFinite, seconds.magnitude < 9.2e15 else { throw invalidTimestamp(text) }
            var whole = seconds.rounded(.towardZero)
            let fraction = ((seconds - whole) * 1000).rounded() / 1000
            var nanoseconds = Int64(fraction * 1e9)
            if nanoseconds < 0 {
                whole -= 1
                nanoseconds += 1_000_000_000
            }
            return Int64(whole) * 1000 + nanoseconds / 1_000_000
        }
        if text == minimumTimeText { return minimumTime }
        if text == maximumTimeText { return maximumTime }
        if let parsed = RFC3339.milliseconds(text) { return parsed }
        throw invalidTimestamp(text)
    }

    private static func invalidTimestamp(_ text: String) -> APIError {
        APIError(.badData, "cannot parse \(quote(text)) to a valid timestamp")
    }

    /// Float seconds (`15`, `0.5`) or a Prometheus duration (`1m30s`), in milliseconds,
    /// truncated like Prometheus's conversion from nanoseconds.
    public static func duration(_ text: String) throws(APIError) -> Int64 {
        if let seconds = Double(text) {
            let nanoseconds = seconds * 1e9
            if nanoseconds > Double(Int64.max) || nanoseconds < Double(Int64.min) {
                throw APIError(.badData, "cannot parse \(quote(text)) to a valid duration. It overflows int64")
            }
            // NaN passes Go's range check; it becomes a non-positive step below.
            guard !nanoseconds.isNaN else { return 0 }
            return Int64(nanoseconds) / 1_000_000
        }
        do {
            return try PromDuration.parse(text)
        } catch {
            throw APIError(.badData, "cannot parse \(quote(text)) to a valid duration")
        }
    }

    /// Go's `%q` for the strings that reach these messages.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// RFC 3339 timestamps as Go's `time.Parse(time.RFC3339Nano, …)` reads them.
enum RFC3339 {
    /// Milliseconds since the epoch, or nil when `text` is not `YYYY-MM-DDTHH:MM:SS[.f]Z`
    /// or with a `±HH:MM` offset.
    static func milliseconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<(index + width)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2), expect(UInt8(ascii: "T")), let hour = number(2), expect(UInt8(ascii: ":")),
              let minute = number(2), expect(UInt8(ascii: ":")), let second = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 60 else { return nil }
        var milliseconds: Int64 = 0
        if expect(UInt8(ascii: ".")) {
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 3 { milliseconds = milliseconds * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 3 {
                for _ in digits..<3 { milliseconds *= 10 }
            }
        }
        var offsetSeconds: Int64 = 0
        if expect(UInt8(ascii: "Z")) {
            offsetSeconds = 0
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let offsetHours = number(2), expect(UInt8(ascii: ":")), let offsetMinutes = number(2),
                  offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return seconds * 1000 + milliseconds
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (the era-based method).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
