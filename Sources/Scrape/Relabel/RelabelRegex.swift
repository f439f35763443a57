import Synchronization

/// A relabel regular expression: RE2-style, fully anchored (`^(?:pattern)$`).
///
/// Keeps the source text (for YAML and messages) and a compiled form. Patterns that are
/// `(.*)` (the default) or plain literals never reach the regex engine.
public struct RelabelRegex: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written, without the implicit anchors.
    public let pattern: String
    private let matcher: Matcher

    /// The default of every rule: `(.*)`, which matches anything and captures it.
    public static let matchAll = RelabelRegex(uncheckedDefault: "(.*)")

    /// Compiles `pattern` fully anchored.
    ///
    /// - Throws: ``RelabelError`` naming the pattern when it does not compile, or when it
    ///   uses a construct RE2 rejects (backreferences, lookaround, atomic groups).
    public init(_ pattern: String) throws(RelabelError) {
        self.pattern = pattern
        if pattern == "(.*)" {
            matcher = .everything
            return
        }
        if let unsupported = Self.unsupportedConstruct(in: pattern) {
            throw RelabelError(field: "regex", message: "error parsing regexp \"\(pattern)\": \(unsupported)")
        }
        if !pattern.contains(where: { Self.metacharacters.contains($0) }) {
            matcher = .literal(pattern)
            return
        }
        // `a|b|c` of plain words (common in keep/drop rules): a set lookup, no regex engine.
        if !pattern.contains(where: { $0 != "|" && Self.metacharacters.contains($0) }) {
            matcher = .alternatives(Set(pattern.split(separator: "|", omittingEmptySubsequences: false).map(String.init)))
            return
        }
        if let shared = CompiledRegex.cache.withLock({ $0[pattern] }) {
            matcher = .regex(shared)
            return
        }
        do {
            let compiled = try Regex(#"\A(?:"# + pattern + #")\z"#)
            let regex = CompiledRegex(regex: compiled.matchingSemantics(.unicodeScalar).asciiOnlyCharacterClasses())
            CompiledRegex.cache.withLock { cache in
                if cache.count >= CompiledRegex.cacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[pattern] = regex
            }
            matcher = .regex(regex)
        } catch {
            throw RelabelError(field: "regex", message: "error parsing regexp \"\(pattern)\": \(error)")
        }
    }

    private init(uncheckedDefault pattern: String) {
        self.pattern = pattern
        self.matcher = .everything
    }

    public var description: String { pattern }

    public static func == (lhs: RelabelRegex, rhs: RelabelRegex) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Whether the whole of `value` matches.
    public func matches(_ value: String) -> Bool {
        switch matcher {
        case .everything: true
        case .literal(let literal): value == literal
        case .alternatives(let words): words.contains(value)
        case .regex(let compiled): compiled.wholeMatch(value) != nil
        }
    }

    /// The capture groups of a whole match of `value` (group 0 is the match), or nil.
    func captures(_ value: String) -> Captures? {
        switch matcher {
        case .everything:
            return Captures(groups: [Substring(value), Substring(value)], names: [:])
        case .literal(let literal):
            return value == literal ? Captures(groups: [Substring(value)], names: [:]) : nil
        case .alternatives(let words):
            return words.contains(value) ? Captures(groups: [Substring(value)], names: [:]) : nil
        case .regex(let compiled):
            guard let match = compiled.wholeMatch(value) else { return nil }
            var groups: [Substring?] = []
            var names: [String: Int] = [:]
            groups.reserveCapacity(match.output.count)
            for (index, element) in match.output.enumerated() {
                groups.append(element.substring)
                if let name = element.name, names[name] == nil { names[name] = index }
            }
            return Captures(groups: groups, names: names)
        }
    }

    private enum Matcher: Sendable {
        case everything
        case literal(String)
        case alternatives(Set<String>)
        case regex(CompiledRegex)
    }

    private static let metacharacters: Set<Character> = [
        "\\", ".", "+", "*", "?", "(", ")", "[", "]", "{", "}", "^", "$", "|",
    ]

    /// RE2 rejects these; Swift's engine would accept them, so check before compiling.
    private static func unsupportedConstruct(in pattern: String) -> String? {
        for construct in ["(?=", "(?!", "(?<=", "(?<!"] where pattern.contains(construct) {
            return "invalid or unsupported Perl syntax: `\(construct)`"
        }
        if pattern.contains("(?>") { return "invalid or unsupported Perl syntax: `(?>`" }
        var previousWasBackslash = false
        for character in pattern {
            if previousWasBackslash {
                if let digit = character.wholeNumberValue, (1...9).contains(digit) {
                    return "invalid escape sequence: `\\\(character)`"
                }
                previousWasBackslash = false
            } else if character == "\\" {
                previousWasBackslash = true
            }
        }
        return nil
    }
}

/// The groups of one match, for `$`-expansion.
struct Captures {
    /// Group 0 is the whole match; nil for a group that did not participate.
    var groups: [Substring?]
    /// Group name to index.
    var names: [String: Int]
}

/// `Regex` is immutable and safe to share; it is not declared `Sendable` by every
/// toolchain, hence the unchecked conformance.
private struct CompiledRegex: @unchecked Sendable {
    let regex: Regex<AnyRegexOutput>

    /// Compiled patterns shared between rules: ten thousand ServiceMonitors' relabel
    /// chains repeat the same few patterns, and each compiled `Regex` costs kilobytes.
    /// Bounded; when full it starts over.
    static let cache = Mutex<[String: CompiledRegex]>([:])
    static let cacheLimit = 4096

    func wholeMatch(_ value: String) -> Regex<AnyRegexOutput>.Match? {
        // Only custom regex components throw while matching; a parsed pattern has none.
        do { return try regex.wholeMatch(in: value) } catch { return nil }
    }
}
