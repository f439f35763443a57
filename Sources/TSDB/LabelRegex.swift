/// A compiled, fully anchored label regex with a fast path for literal alternations.
///
/// Prometheus compiles `^(?:pattern)$` with Go's RE2. Swift `Regex` differs: it also
/// accepts backreferences and lookaround (RE2 rejects them), it matches grapheme clusters
/// by default (RE2 matches code points; we switch to Unicode-scalar semantics), and its
/// `$` may match before a trailing newline (we anchor with `\A` and `\z` and use
/// `wholeMatch`, so `"a\n"` does not match `a`). Character classes such as `\d` and `\w`
/// are ASCII-only in RE2 and we ask for the same with `asciiOnlyCharacterClasses()`.
struct LabelRegex: @unchecked Sendable {
    // `Regex` is immutable after construction and safe to use from several threads; it is
    // not declared Sendable in every toolchain, hence the unchecked conformance.
    private let regex: Regex<AnyRegexOutput>?
    /// When the pattern is a literal or an alternation of literals, the accepted strings.
    let literals: Set<String>?

    init(pattern: String, label: String) throws(LabelMatcherError) {
        if let literals = LabelRegex.literalAlternatives(pattern) {
            self.literals = literals
            self.regex = nil
            return
        }
        do {
            let compiled = try Regex(#"\A(?:"# + pattern + #")\z"#)
            self.regex = compiled.matchingSemantics(.unicodeScalar).asciiOnlyCharacterClasses()
            self.literals = nil
        } catch {
            throw .invalidRegex(label: label, pattern: pattern, reason: "\(error)")
        }
    }

    func matches(_ candidate: String) -> Bool {
        if let literals { return literals.contains(candidate) }
        guard let regex else { return false }
        // Only custom regex components can throw while matching; a parsed pattern has none.
        return (try? regex.wholeMatch(in: candidate)) != nil
    }

    /// `a`, `a|b|c` or `(?:a|b)` with no metacharacters: the set of alternatives.
    /// Returns nil for anything else (which then goes through the regex engine).
    static func literalAlternatives(_ pattern: String) -> Set<String>? {
        var body = Substring(pattern)
        if body.hasPrefix("(?:"), body.hasSuffix(")") {
            body = body.dropFirst(3).dropLast()
        }
        let metacharacters: Set<Character> = ["\\", ".", "+", "*", "?", "(", ")", "[", "]",
                                              "{", "}", "^", "$"]
        if body.contains(where: { metacharacters.contains($0) }) { return nil }
        return Set(body.split(separator: "|", omittingEmptySubsequences: false).map(String.init))
    }
}
