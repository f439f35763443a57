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

    /// Calendar fields of a UTC time, from whole seconds since the epoch, computed the way
    /// Go's `time` package does: on an unsigned count of seconds since its absolute zero
    /// year, so even NaN converted to the minimum integer gives Go's (wrapped) answer.
    struct CivilTime {
        var year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64
        var dayOfWeek: Int64, dayOfYear: Int64, daysInMonth: Int64

        private static let secondsPerDay: UInt64 = 86_400
        private static let daysPer400Years: UInt64 = 365 * 400 + 97
        private static let daysPer100Years: UInt64 = 365 * 100 + 24
        private static let daysPer4Years: UInt64 = 365 * 4 + 1
        /// Go's `absoluteZeroYear`, and the shift from Unix seconds to its absolute seconds.
        private static let absoluteZeroYear: Int64 = -292_277_022_399
        private static let unixToAbsolute: Int64 = 9_223_372_028_715_321_600
        private static let daysBefore: [Int64] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]

        init(seconds: Int64) {
            let absolute = UInt64(bitPattern: seconds &+ Self.unixToAbsolute)
            hour = Int64((absolute % Self.secondsPerDay) / 3600)
            minute = Int64((absolute % 3600) / 60)
            // The absolute zero is a Monday; Go counts Sunday as 0.
            let week = Self.secondsPerDay * 7
            dayOfWeek = Int64(((absolute &+ Self.secondsPerDay) % week) / Self.secondsPerDay)
            var days = absolute / Self.secondsPerDay
            var cycles = days / Self.daysPer400Years
            var years = 400 * cycles
            days -= Self.daysPer400Years * cycles
            cycles = days / Self.daysPer100Years
            cycles -= cycles >> 2
            years += 100 * cycles
            days -= Self.daysPer100Years * cycles
            cycles = days / Self.daysPer4Years
            years += 4 * cycles
            days -= Self.daysPer4Years * cycles
            cycles = days / 365
            cycles -= cycles >> 2
            years += cycles
            days -= 365 * cycles
            year = Int64(bitPattern: years) &+ Self.absoluteZeroYear
            dayOfYear = Int64(days) + 1
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            var dayIndex = Int64(days)
            var february29 = false
            if leap {
                if dayIndex > 31 + 29 - 1 {
                    dayIndex -= 1
                } else if dayIndex == 31 + 29 - 1 {
                    february29 = true
                }
            }
            if february29 {
                (month, day) = (2, 29)
            } else {
                var monthIndex = Int(dayIndex / 31)
                let end = Self.daysBefore[monthIndex + 1]
                let begin: Int64
                if dayIndex >= end {
                    monthIndex += 1
                    begin = end
                } else {
                    begin = Self.daysBefore[monthIndex]
                }
                month = Int64(monthIndex) + 1
                day = dayIndex - begin + 1
            }
            daysInMonth = month == 2 ? (leap ? 29 : 28) : Self.daysBefore[Int(month)] - Self.daysBefore[Int(month) - 1]
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
