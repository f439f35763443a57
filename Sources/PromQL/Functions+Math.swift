import Foundation
import TSDB

/// Element-wise math and the calendar functions.
extension Functions {
    static let mathFunctions: [String: @Sendable (Double) -> Double] = [
        "abs": { Swift.abs($0) },
        "ceil": { $0.rounded(.up) },
        "floor": { $0.rounded(.down) },
        "exp": { Foundation.exp($0) },
        "sqrt": { $0.squareRoot() },
        "ln": { Foundation.log($0) },
        "log2": { Foundation.log2($0) },
        "log10": { Foundation.log10($0) },
        "sin": { Foundation.sin($0) },
        "cos": { Foundation.cos($0) },
        "tan": { Foundation.tan($0) },
        "asin": { Foundation.asin($0) },
        "acos": { Foundation.acos($0) },
        "atan": { Foundation.atan($0) },
        "sinh": { Foundation.sinh($0) },
        "cosh": { Foundation.cosh($0) },
        "tanh": { Foundation.tanh($0) },
        "asinh": { Foundation.asinh($0) },
        "acosh": { Foundation.acosh($0) },
        "atanh": { Foundation.atanh($0) },
        "deg": { $0 * 180 / Double.pi },
        "rad": { $0 * Double.pi / 180 },
        "sgn": { $0 < 0 ? -1 : ($0 > 0 ? 1 : $0) },
    ]

    /// Calendar fields of a UTC time, from whole seconds since the epoch.
    struct CivilTime {
        var year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64
        var dayOfWeek: Int64, dayOfYear: Int64, daysInMonth: Int64

        init(seconds: Int64) {
            let days = Functions.floorDivision(seconds, 86_400)
            // Wrapping is exact here: the true result lies in 0..<86_400 even when days * 86_400 overflows.
            let secondOfDay = seconds &- days &* 86_400
            hour = secondOfDay / 3600
            minute = secondOfDay % 3600 / 60
            // 1970-01-01 was a Thursday (Sunday = 0).
            dayOfWeek = ((days % 7) + 11) % 7
            // Days to civil date (proleptic Gregorian), after Howard Hinnant's algorithm.
            let shifted = days + 719_468
            let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
            let dayOfYearMarch = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthPrime = (5 * dayOfYearMarch + 2) / 153
            day = dayOfYearMarch - (153 * monthPrime + 2) / 5 + 1
            month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
            year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            daysInMonth = lengths[Int(month - 1)]
            dayOfYear = lengths.prefix(Int(month - 1)).reduce(0, +) + day
        }
    }

    static let dateFunctions: [String: @Sendable (CivilTime) -> Int64] = [
        "year": { $0.year },
        "month": { $0.month },
        "day_of_month": { $0.day },
        "day_of_week": { $0.dayOfWeek },
        "day_of_year": { $0.dayOfYear },
        "days_in_month": { $0.daysInMonth },
        "hour": { $0.hour },
        "minute": { $0.minute },
    ]

    /// Without an argument: the evaluation time; otherwise each sample's value as seconds.
    static func date(_ field: @escaping @Sendable (CivilTime) -> Int64) -> InstantFunction {
        { input throws(EvaluationError) in
            if input.arguments.isEmpty {
                let seconds = floorDivision(input.evaluationTime, 1000)
                return .vector([Sample(labels: Labels(), timestamp: input.evaluationTime,
                                       value: Double(field(CivilTime(seconds: seconds))))])
            }
            return .vector(try input.vector(0).map {
                Sample(labels: $0.labels.droppingMetricName, timestamp: $0.timestamp,
                       value: Double(field(CivilTime(seconds: goInt64($0.value)))))
            })
        }
    }

    /// Go's `int64(f)` on amd64: truncation, with NaN and out-of-range values becoming the
    /// minimum integer.
    static func goInt64(_ value: Double) -> Int64 {
        guard value.isFinite, value < 9.223372036854775807e18, value >= -9.223372036854775808e18 else {
            return .min
        }
        return Int64(value)
    }

    static func floorDivision(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
