import Foundation

/// RFC 3339 times as Kubernetes writes them in status (`2026-11-23T13:25:01Z`, UTC, whole
/// seconds; fractional seconds are accepted when reading).
public enum RFC3339 {
    /// `date` in UTC, truncated to whole seconds.
    public static func string(from date: Date) -> String {
        let whole = Date(timeIntervalSince1970: (date.timeIntervalSince1970).rounded(.down))
        return whole.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt))
    }

    /// Parses `2026-11-23T13:25:01Z`, with or without fractional seconds or a numeric offset.
    public static func date(from text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        // Not whole seconds: try the fractional form before giving up.
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
