/// Regular-expression checks the parser needs: does a matcher's pattern compile, and does it
/// match the empty string. Patterns are anchored as Prometheus anchors them (`^(?:…)$`).
///
/// Swift's regex syntax is close to Go's RE2 but not identical (it accepts lookarounds and
/// back-references that RE2 rejects), and its error wording differs from Go's.
enum RegexCheck {
    static func anchored(_ pattern: String) -> String { "^(?:" + pattern + ")$" }

    /// Why the pattern does not compile, or nil if it does.
    static func problem(in pattern: String) -> String? {
        do {
            _ = try Regex(anchored(pattern))
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// True if the anchored pattern matches "" (an invalid pattern matches nothing).
    static func matchesEmpty(_ pattern: String) -> Bool {
        do {
            return try Regex(anchored(pattern)).wholeMatch(in: "") != nil
        } catch {
            return false  // Unreachable for parsed matchers: the parser rejected bad patterns.
        }
    }
}
