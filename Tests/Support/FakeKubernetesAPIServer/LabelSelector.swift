/// A parsed `labelSelector` query parameter, in the grammar of apimachinery's
/// `labels.Parse`: comma-separated requirements that must all hold.
struct LabelSelector: Sendable, Equatable {
    enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
        case exists(String)
        case doesNotExist(String)
        case greaterThan(String, Int64)
        case lessThan(String, Int64)
    }

    var requirements: [Requirement]

    static let everything = LabelSelector(requirements: [])

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): labels[key] == value
            // As in Kubernetes, `!=` and `notin` also match objects without the label.
            case .notEquals(let key, let value): labels[key] != value
            case .isIn(let key, let values): labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): !(labels[key].map(values.contains) ?? false)
            case .exists(let key): labels[key] != nil
            case .doesNotExist(let key): labels[key] == nil
            case .greaterThan(let key, let bound): labels[key].flatMap { Int64($0) }.map { $0 > bound } ?? false
            case .lessThan(let key, let bound): labels[key].flatMap { Int64($0) }.map { $0 < bound } ?? false
            }
        }
    }

    /// Parses the selector text; errors read like kube-apiserver's 400 messages.
    init(parsing text: String) throws(APIStatusError) {
        var parser = Parser(tokens: try Self.tokenize(text), text: text)
        requirements = try parser.parseAll()
    }

    private init(requirements: [Requirement]) { self.requirements = requirements }

    enum Token: Equatable {
        case word(String)
        case op(String)
    }

    private static let operatorCharacters: Set<Character> = ["=", "!", "(", ")", ",", "<", ">"]

    private static func tokenize(_ text: String) throws(APIStatusError) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
            } else if operatorCharacters.contains(character) {
                let next = text.index(after: index)
                if (character == "=" || character == "!"), next < text.endIndex, text[next] == "=" {
                    tokens.append(.op(String(text[index...next])))
                    index = text.index(after: next)
                } else {
                    tokens.append(.op(String(character)))
                    index = next
                }
            } else {
                var end = index
                while end < text.endIndex, !text[end].isWhitespace, !operatorCharacters.contains(text[end]) {
                    end = text.index(after: end)
                }
                tokens.append(.word(String(text[index..<end])))
                index = end
            }
        }
        return tokens
    }

    private struct Parser {
        var tokens: [Token]
        var text: String
        var position = 0

        init(tokens: [Token], text: String) {
            self.tokens = tokens
            self.text = text
        }

        var current: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func take() -> Token? {
            defer { position += 1 }
            return current
        }

        func failure(_ detail: String) -> APIStatusError {
            .badRequest("unable to parse requirement: \(detail) in selector \"\(text)\"")
        }

        mutating func parseAll() throws(APIStatusError) -> [Requirement] {
            var requirements: [Requirement] = []
            while current != nil {
                requirements.append(try parseRequirement())
                switch take() {
                case nil: return requirements
                case .op(","): if current == nil { throw failure("found end of input, expected a requirement") }
                case let token?: throw failure("found '\(token)', expected ','")
                }
            }
            return requirements
        }

        mutating func parseRequirement() throws(APIStatusError) -> Requirement {
            if current == .op("!") {
                position += 1
                return .doesNotExist(try key())
            }
            let key = try key()
            switch current {
            case nil, .op(","): return .exists(key)
            case .op("="), .op("=="):
                position += 1
                return .equals(key, try value())
            case .op("!="):
                position += 1
                return .notEquals(key, try value())
            case .op(">"), .op("<"):
                let isGreater = take() == .op(">")
                guard case .word(let text)? = take(), let bound = Int64(text) else {
                    throw failure("for 'gt', 'lt' operators, the value must be an integer")
                }
                return isGreater ? .greaterThan(key, bound) : .lessThan(key, bound)
            case .word("in"), .word("notin"):
                let isIn = take() == .word("in")
                let values = try valueSet()
                return isIn ? .isIn(key, values) : .notIn(key, values)
            case let token?:
                throw failure("found '\(token)', expected: '=', '!=', '==', 'in', notin'")
            }
        }

        mutating func key() throws(APIStatusError) -> String {
            guard case .word(let key)? = take() else { throw failure("expected a label key") }
            guard LabelSyntax.isQualifiedName(key) else { throw failure("invalid label key \"\(key)\"") }
            return key
        }

        mutating func value() throws(APIStatusError) -> String {
            guard case .word(let value)? = current else { return "" }  // `a=` selects an empty value
            position += 1
            guard LabelSyntax.isValue(value) else { throw failure("invalid label value: \"\(value)\"") }
            return value
        }

        mutating func valueSet() throws(APIStatusError) -> Set<String> {
            guard take() == .op("(") else { throw failure("expected '(' after set operator") }
            var values: Set<String> = []
            while true {
                values.insert(try value())
                switch take() {
                case .op(","): continue
                case .op(")"): return values
                default: throw failure("expected ',' or ')' in value set")
                }
            }
        }
    }
}

/// Syntax rules for label keys and values (RFC 1123-ish names of at most 63 characters).
enum LabelSyntax {
    static func isValue(_ value: String) -> Bool {
        value.isEmpty || isName(value)
    }

    static func isQualifiedName(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isName(key)
        case 2: return !parts[0].isEmpty && parts[0].count <= 253 && isName(String(parts[1]))
        default: return false
        }
    }

    private static func isName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 63,
            let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
            isAlphanumeric(first), isAlphanumeric(last)
        else { return false }
        return name.unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
    }
}
