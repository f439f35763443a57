/// Splits Go `text/template` text into tokens: literal text, `{{ }}` actions and the
/// items inside them. Trim markers (`{{- `, ` -}}`) and comments (`{{/* */}}`) are
/// resolved here, so the parser never sees them.
struct TemplateLexer {
    private let characters: [Character]
    private var index = 0
    private var line = 1
    private var column = 1
    private var tokens: [TemplateToken] = []
    private let name: String

    static let keywords: Set<String> = [
        "if", "else", "end", "range", "with", "break", "continue", "define", "template", "block",
    ]

    init(_ text: String, name: String) {
        characters = Array(text)
        self.name = name
    }

    static func tokenize(_ text: String, name: String = "") throws(TemplateError) -> [TemplateToken] {
        var lexer = TemplateLexer(text, name: name)
        try lexer.run()
        return lexer.tokens
    }

    private var position: TemplatePosition { TemplatePosition(offset: index, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    private func hasPrefix(_ text: String, at offset: Int = 0) -> Bool {
        var position = index + offset
        for character in text {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
        }
        return true
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < characters.count {
            if characters[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    private func error(_ message: String, at position: TemplatePosition) -> TemplateError {
        TemplateError(phase: .parse, line: position.line, column: position.column, message: message, name: name)
    }

    private static func isSpace(_ character: Character?) -> Bool {
        character == " " || character == "\t" || character == "\r" || character == "\n"
    }

    private mutating func run() throws(TemplateError) {
        var trimNextText = false
        while index < characters.count {
            let start = position
            var text = ""
            while index < characters.count, !hasPrefix("{{") {
                text.append(characters[index])
                advance()
            }
            var trimThisText = false
            if hasPrefix("{{-"), Self.isSpace(peek(3)) { trimThisText = true }
            if trimNextText { text = String(text.drop(while: { Self.isSpace($0) })) }
            if trimThisText {
                while let last = text.last, Self.isSpace(last) { text.removeLast() }
            }
            if !text.isEmpty { tokens.append(TemplateToken(kind: .text, value: text, position: start)) }
            guard index < characters.count else { break }
            trimNextText = try lexAction(trimLeft: trimThisText)
        }
    }

    /// Lexes one `{{ ... }}`; returns whether it ended with a right trim marker.
    private mutating func lexAction(trimLeft: Bool) throws(TemplateError) -> Bool {
        let open = position
        advance(2)
        if trimLeft { advance(2) }
        // A comment is the whole action: `{{/* ... */}}`, optionally with trim markers.
        if hasPrefix("/*") {
            advance(2)
            while index < characters.count, !hasPrefix("*/") { advance() }
            guard index < characters.count else { throw error("unclosed comment", at: open) }
            advance(2)
            var trimRight = false
            if hasPrefix(" -}}") {
                trimRight = true
                advance(4)
            } else if hasPrefix("}}") {
                advance(2)
            } else {
                throw error("comment ends before closing delimiter", at: position)
            }
            return trimRight
        }
        tokens.append(TemplateToken(kind: .leftDelim, value: "{{", position: open))
        var parenDepth = 0
        while true {
            guard index < characters.count else { throw error("unclosed action", at: open) }
            if Self.isSpace(peek()), hasPrefix("-}}", at: 1) {
                let close = position
                advance(4)
                tokens.append(TemplateToken(kind: .rightDelim, value: "}}", position: close))
                return true
            }
            if hasPrefix("}}") {
                guard parenDepth == 0 else { throw error("unclosed left paren", at: position) }
                tokens.append(TemplateToken(kind: .rightDelim, value: "}}", position: position))
                advance(2)
                return false
            }
            try lexInsideAction(parenDepth: &parenDepth)
        }
    }

    private mutating func lexInsideAction(parenDepth: inout Int) throws(TemplateError) {
        let start = position
        guard let character = peek() else { return }
        func emit(_ kind: TemplateToken.Kind, _ value: String) {
            tokens.append(TemplateToken(kind: kind, value: value, position: start))
        }
        switch character {
        case " ", "\t", "\r", "\n":
            while Self.isSpace(peek()), !hasPrefix("-}}", at: 1) { advance() }
            emit(.space, " ")
        case "|":
            advance()
            emit(.pipe, "|")
        case "(":
            advance()
            parenDepth += 1
            emit(.leftParen, "(")
        case ")":
            guard parenDepth > 0 else { throw error("unexpected right paren", at: start) }
            advance()
            parenDepth -= 1
            emit(.rightParen, ")")
        case ",":
            advance()
            emit(.comma, ",")
        case "=":
            advance()
            emit(.assign, "=")
        case ":":
            guard peek(1) == "=" else { throw error("expected :=", at: start) }
            advance(2)
            emit(.declare, ":=")
        case "\"":
            emit(.string, try lexQuoted())
        case "`":
            emit(.rawString, try lexRaw())
        case "'":
            emit(.character, try lexCharacter())
        case "$":
            advance()
            emit(.variable, "$" + lexWord())
        case ".":
            if let next = peek(1), next.isNumber {
                emit(.number, lexNumber())
            } else {
                advance()
                let word = lexWord()
                emit(word.isEmpty ? .dot : .field, word)
            }
        case "+", "-", "0"..."9":
            emit(.number, lexNumber())
        default:
            guard character.isLetter || character == "_" else {
                throw error("unexpected \(goQuoteCharacter(character)) in command", at: start)
            }
            let word = lexWord()
            switch word {
            case "true", "false": emit(.bool, word)
            case "nil": emit(.nilValue, word)
            default: emit(Self.keywords.contains(word) ? .keyword : .identifier, word)
            }
        }
    }

    private mutating func lexWord() -> String {
        var word = ""
        while let character = peek(), character.isLetter || character.isNumber || character == "_" {
            word.append(character)
            advance()
        }
        return word
    }

    private mutating func lexNumber() -> String {
        var text = ""
        if let sign = peek(), sign == "+" || sign == "-" {
            text.append(sign)
            advance()
        }
        while let character = peek(),
              character.isLetter || character.isNumber || character == "." || character == "_"
                || ((character == "+" || character == "-") && (text.last == "e" || text.last == "E" || text.last == "p")) {
            text.append(character)
            advance()
        }
        return text
    }

    private mutating func lexQuoted() throws(TemplateError) -> String {
        let start = position
        advance()
        var value = ""
        while true {
            guard let character = peek(), character != "\n" else {
                throw error("unterminated quoted string", at: start)
            }
            advance()
            if character == "\"" { return value }
            if character == "\\" {
                guard let escaped = peek() else { throw error("unterminated quoted string", at: start) }
                advance()
                switch escaped {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "\\": value.append("\\")
                case "\"": value.append("\"")
                case "'": value.append("'")
                case "a": value.append("\u{07}")
                case "b": value.append("\u{08}")
                case "f": value.append("\u{0C}")
                case "v": value.append("\u{0B}")
                case "x", "u", "U":
                    let width = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
                    var digits = ""
                    for _ in 0..<width {
                        guard let digit = peek(), digit.isHexDigit else {
                            throw error("invalid syntax in quoted string", at: start)
                        }
                        digits.append(digit)
                        advance()
                    }
                    guard let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw error("invalid syntax in quoted string", at: start)
                    }
                    value.unicodeScalars.append(scalar)
                default:
                    throw error("invalid syntax in quoted string", at: start)
                }
            } else {
                value.append(character)
            }
        }
    }

    private mutating func lexRaw() throws(TemplateError) -> String {
        let start = position
        advance()
        var value = ""
        while true {
            guard let character = peek() else { throw error("unterminated raw quoted string", at: start) }
            advance()
            if character == "`" { return value }
            value.append(character)
        }
    }

    private mutating func lexCharacter() throws(TemplateError) -> String {
        let start = position
        advance()
        guard let character = peek(), character != "'", character != "\n" else {
            throw error("unterminated character constant", at: start)
        }
        advance()
        guard peek() == "'" else { throw error("unterminated character constant", at: start) }
        advance()
        let code = character.unicodeScalars.first.map { Int($0.value) } ?? 0
        return String(code)
    }

    private func goQuoteCharacter(_ character: Character) -> String {
        "'\(character)'"
    }
}
