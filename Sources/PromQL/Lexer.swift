/// Splits PromQL text into tokens the way Prometheus 2.42's state-machine lexer does,
/// including its context rules: identifiers inside `{}` are never keywords, a `[` starts a
/// duration, and lexing stops at the first error, which becomes an `.error` token so the
/// parser reports it only if it gets that far.
public struct Lexer: Sendable {
    let bytes: [UInt8]
    var position = 0
    var start = 0
    var parenDepth = 0
    var braceOpen = false
    var bracketOpen = false
    var gotColon = false
    var tokens: [Token] = []
    var finished = false

    init(_ input: String) {
        bytes = Array(input.utf8)
    }

    /// All tokens of `input`, ending with `.endOfInput` or `.error`. Comments are dropped.
    public static func tokenize(_ input: String) -> [Token] {
        var lexer = Lexer(input)
        while !lexer.finished {
            lexer.step()
        }
        return lexer.tokens
    }

    // MARK: Reading

    static let endOfInput: Unicode.Scalar = "\u{0}"

    var atEnd: Bool { position >= bytes.count }

    /// Decodes the scalar at `position` without consuming it; `nil` at the end.
    func peekScalar() -> (scalar: Unicode.Scalar, width: Int)? {
        guard position < bytes.count else { return nil }
        let lead = bytes[position]
        let width: Int
        switch lead {
        case 0..<0x80: return (Unicode.Scalar(lead), 1)
        case 0xC0..<0xE0: width = 2
        case 0xE0..<0xF0: width = 3
        default: width = 4
        }
        guard position + width <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
        for index in 1..<width {
            value = value << 6 | (UInt32(bytes[position + index]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// The next byte without consuming it (0 at the end).
    func peek() -> UInt8 { position < bytes.count ? bytes[position] : 0 }

    mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        position += 1
        return bytes[position - 1]
    }

    mutating func accept(_ valid: String) -> Bool {
        guard position < bytes.count, valid.utf8.contains(bytes[position]) else { return false }
        position += 1
        return true
    }

    mutating func acceptRun(_ valid: String) {
        while accept(valid) {}
    }

    // MARK: Emitting

    var pendingText: String { String(decoding: bytes[start..<position], as: UTF8.self) }

    mutating func emit(_ kind: TokenKind) {
        tokens.append(Token(kind: kind, range: SourceRange(start: start, end: position), text: pendingText))
        start = position
        if kind == .endOfInput { finished = true }
    }

    mutating func fail(_ message: String) {
        tokens.append(Token(kind: .error, range: SourceRange(start: start, end: bytes.count), text: message))
        finished = true
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func isAlphaNumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }

    // MARK: States

    mutating func step() {
        if braceOpen {
            lexInsideBraces()
            return
        }
        if peek() == UInt8(ascii: "#") {
            skipComment()
            return
        }
        guard let byte = peekScalar() else {
            if parenDepth != 0 {
                fail("unclosed left parenthesis")
            } else if bracketOpen {
                fail("unclosed left bracket")
            } else {
                emit(.endOfInput)
            }
            return
        }
        if byte.scalar.value < 0x80 {
            lexASCII(UInt8(byte.scalar.value))
        } else {
            position += byte.width
            fail("unexpected character: \(GoQuoting.quoteRune(byte.scalar))")
        }
    }

    mutating func skipComment() {
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") {
            position += 1
        }
        start = position
    }

    mutating func skipSpaces() {
        while position < bytes.count, Self.isSpace(bytes[position]) {
            position += 1
        }
        start = position
    }

    mutating func lexASCII(_ byte: UInt8) {
        position += 1
        switch byte {
        case UInt8(ascii: ","): emit(.comma)
        case _ where Self.isSpace(byte): skipSpaces()
        case UInt8(ascii: "*"): emit(.mul)
        case UInt8(ascii: "/"): emit(.div)
        case UInt8(ascii: "%"): emit(.mod)
        case UInt8(ascii: "+"): emit(.add)
        case UInt8(ascii: "-"): emit(.sub)
        case UInt8(ascii: "^"): emit(.pow)
        case UInt8(ascii: "@"): emit(.at)
        case UInt8(ascii: "="): lexEquals()
        case UInt8(ascii: "!"): lexBang()
        case UInt8(ascii: "<"): emit(accept("=") ? .lessEqual : .less)
        case UInt8(ascii: ">"): emit(accept("=") ? .greaterEqual : .greater)
        case _ where Self.isDigit(byte) || (byte == UInt8(ascii: ".") && Self.isDigit(peek())):
            position -= 1
            lexNumberOrDuration()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): lexString(quote: byte)
        case UInt8(ascii: "`"): lexRawString()
        case _ where Self.isAlpha(byte) || byte == UInt8(ascii: ":"): lexWordOrColon(byte)
        case UInt8(ascii: "("):
            emit(.leftParen)
            parenDepth += 1
        case UInt8(ascii: ")"):
            parenDepth -= 1
            if parenDepth < 0 {
                start = position  // Prometheus reports this just after the parenthesis.
                fail("unexpected right parenthesis ')'")
            } else {
                emit(.rightParen)
            }
        case UInt8(ascii: "{"):
            emit(.leftBrace)
            braceOpen = true
        case UInt8(ascii: "["): lexLeftBracket()
        case UInt8(ascii: "]"):
            if !bracketOpen {
                fail("unexpected right bracket ']'")
                return
            }
            emit(.rightBracket)
            bracketOpen = false
        default:
            fail("unexpected character: \(GoQuoting.quoteRune(Unicode.Scalar(byte)))")
        }
    }

    mutating func lexEquals() {
        if accept("=") {
            emit(.equalEqual)
        } else if peek() == UInt8(ascii: "~") {
            fail("unexpected character after '=': '~'")
        } else {
            emit(.assign)
        }
    }

    mutating func lexBang() {
        guard let next = peekScalar() else {
            fail("unexpected character after '!': \(GoQuoting.quoteRune("\u{FFFD}"))")
            return
        }
        position += next.width
        if next.scalar == "=" {
            emit(.notEqual)
        } else {
            fail("unexpected character after '!': \(GoQuoting.quoteRune(next.scalar))")
        }
    }

    mutating func lexWordOrColon(_ byte: UInt8) {
        if !bracketOpen {
            position -= 1
            lexKeywordOrIdentifier()
            return
        }
        // Inside brackets Prometheus 2.42 reads any letter or colon as the subquery colon.
        if gotColon {
            fail("unexpected colon \(GoQuoting.quoteRune(Unicode.Scalar(byte)))")
            return
        }
        emit(.colon)
        gotColon = true
    }

    mutating func lexKeywordOrIdentifier() {
        while position < bytes.count, Self.isAlphaNumeric(bytes[position]) || bytes[position] == UInt8(ascii: ":") {
            position += 1
        }
        let word = pendingText
        if let keyword = TokenKind.keywords[word.lowercased()] {
            emit(keyword)
        } else if word.utf8.contains(UInt8(ascii: ":")) {
            emit(.metricIdentifier)
        } else {
            emit(.identifier)
        }
    }

    mutating func lexLeftBracket() {
        if bracketOpen {
            position -= 1
            start = position
            fail("unexpected left bracket '['")
            return
        }
        gotColon = false
        emit(.leftBracket)
        skipSpaces()
        bracketOpen = true
        // A range or subquery must start with a duration.
        if scanNumber() {
            fail("missing unit character in duration")
        } else if !acceptRemainingDuration() {
            fail("bad duration syntax: \(GoQuoting.quote(pendingText))")
        } else {
            emit(.duration)
        }
    }

    mutating func lexInsideBraces() {
        if peek() == UInt8(ascii: "#") {
            skipComment()
            return
        }
        guard let scalar = peekScalar() else {
            fail("unexpected end of input inside braces")
            return
        }
        position += scalar.width
        switch scalar.scalar {
        case " ", "\t", "\n", "\r": skipSpaces()
        case _ where scalar.scalar.isASCII && Self.isAlpha(UInt8(scalar.scalar.value)):
            while position < bytes.count, Self.isAlphaNumeric(bytes[position]) {
                position += 1
            }
            emit(.identifier)
        case ",": emit(.comma)
        case "\"", "'": lexString(quote: UInt8(scalar.scalar.value))
        case "`": lexRawString()
        case "=": emit(accept("~") ? .regexMatch : .assign)
        case "!": lexBangInsideBraces()
        case "{": fail("unexpected left brace '{'")
        case "}":
            emit(.rightBrace)
            braceOpen = false
        default:
            fail("unexpected character inside braces: \(GoQuoting.quoteRune(scalar.scalar))")
        }
    }

    mutating func lexBangInsideBraces() {
        if accept("~") {
            emit(.regexNoMatch)
        } else if accept("=") {
            emit(.notEqual)
        } else if let next = peekScalar() {
            position += next.width
            fail("unexpected character after '!' inside braces: \(GoQuoting.quoteRune(next.scalar))")
        } else {
            fail("unexpected character after '!' inside braces: \(GoQuoting.quoteRune("\u{FFFD}"))")
        }
    }
}
