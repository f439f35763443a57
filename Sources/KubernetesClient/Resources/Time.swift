import Foundation

/// A `metav1.Time`: an instant serialized as RFC 3339 with whole seconds
/// (`2026-01-02T03:04:05Z`). Fractional seconds are accepted when reading.
public struct Time: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public init(from decoder: any Decoder) throws { date = try RFC3339.decode(from: decoder) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(RFC3339.format(date, fractionDigits: 0))
    }

    public var description: String { RFC3339.format(date, fractionDigits: 0) }
    public static func < (a: Time, b: Time) -> Bool { a.date < b.date }
}

/// A `metav1.MicroTime`: RFC 3339 with microseconds, used by Leases and Events.
public struct MicroTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public init(from decoder: any Decoder) throws { date = try RFC3339.decode(from: decoder) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(RFC3339.format(date, fractionDigits: 6))
    }

    public var description: String { RFC3339.format(date, fractionDigits: 6) }
    public static func < (a: MicroTime, b: MicroTime) -> Bool { a.date < b.date }
}

/// RFC 3339 in UTC, written by hand: `ISO8601DateFormatter` is neither fast nor Sendable.
enum RFC3339 {
    /// Decodes a single RFC 3339 string value, with a decoding error naming the field.
    static func decode(from decoder: any Decoder) throws -> Date {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = parse(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "invalid RFC 3339 time \"\(text)\""))
        }
        return date
    }

    static func format(_ date: Date, fractionDigits: Int) -> String {
        let interval = date.timeIntervalSince1970
        let seconds = Int64(interval.rounded(.down))
        let fraction = interval - Double(seconds)
        let (year, month, day) = civil(fromDays: seconds.floorDivided(by: 86_400))
        let secondOfDay = seconds - seconds.floorDivided(by: 86_400) * 86_400
        let hour = secondOfDay / 3600, minute = (secondOfDay % 3600) / 60, second = secondOfDay % 60
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        if fractionDigits > 0 {
            var scale: Int64 = 1
            for _ in 0..<fractionDigits { scale *= 10 }
            let digits = min(Int64((fraction * Double(scale)).rounded(.down)), scale - 1)
            text += "." + pad(digits, fractionDigits)
        }
        return text + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
    static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= b.count else { return nil }
            var value: Int64 = 0
            for i in range {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int64(b[i] - 48)
            }
            return value
        }
        guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58, b[16] == 58,
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < b.count, b[index] >= 48, b[index] <= 57 {
                fraction += Double(b[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset: Int64 = 0
        if b[index] == 90 || b[index] == 122 {
            index += 1
        } else if b[index] == 43 || b[index] == 45, let oh = number(index + 1..<index + 3),
            index + 3 < b.count, b[index + 3] == 58, let om = number(index + 4..<index + 6)
        {
            offset = (oh * 3600 + om * 60) * (b[index] == 45 ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == b.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let total = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(total) + fraction)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String { String(value).leftPadded(to: width) }

    // Howard Hinnant's civil-calendar algorithms (public domain arithmetic).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
