/// Regular-expression checks the parser needs: does a matcher's pattern compile, and does it
/// match the empty string. Patterns are anchored as Prometheus anchors them (`^(?:…)$`).
///
/// Syntax follows Go (`GoRegexSyntax`, Prometheus's engine); the empty-match question is
/// answered by Swift's `Regex`, whose syntax is close to RE2 but not identical.
enum RegexCheck {
    static func anchored(_ pattern: String) -> String { "^(?:" + pattern + ")$" }

    /// Go's reason the pattern does not compile, or nil if it does.
    static func problem(in pattern: String) -> String? {
        GoRegexSyntax.error(in: pattern)
    }

    /// True if the anchored pattern matches "". A pattern valid in Go that Swift cannot
    /// compile (e.g. `\\pL`) counts as not matching "": the selector is then accepted, as
    /// it almost certainly is by Prometheus.
    static func matchesEmpty(_ pattern: String) -> Bool {
        do {
            return try Regex(anchored(pattern)).wholeMatch(in: "") != nil
        } catch {
            return false
        }
    }
}
