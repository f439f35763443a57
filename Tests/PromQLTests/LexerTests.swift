import Testing
@testable import PromQL

struct LexCase: Sendable, CustomTestStringConvertible {
    let input: String
    let kinds: [TokenKind]
    init(_ input: String, _ kinds: [TokenKind]) {
        self.input = input
        self.kinds = kinds + [.endOfInput]
    }
    var testDescription: String { input }
}

@Suite("Lexer")
struct LexerTests {
    @Test("splits input into Prometheus's tokens", arguments: [
        LexCase("x[5m]", [.identifier, .leftBracket, .duration, .rightBracket]),
        LexCase("a != 1", [.identifier, .notEqual, .number]),
        LexCase("sum by (job) (x)", [.sum, .by, .leftParen, .identifier, .rightParen, .leftParen, .identifier,
                                     .rightParen]),
        LexCase("x{by=\"a\",on!~'b'}", [.identifier, .leftBrace, .identifier, .assign, .string, .comma, .identifier,
                                        .regexNoMatch, .string, .rightBrace]),
        LexCase("a:b:c offset 1h30m", [.metricIdentifier, .offset, .duration]),
        LexCase("0x1f + .5e3 - Inf * NaN", [.number, .add, .number, .sub, .number, .mul, .number]),
        LexCase("x[5m:1m] @ start()", [.identifier, .leftBracket, .duration, .colon, .duration, .rightBracket, .at,
                                       .start, .leftParen, .rightParen]),
        LexCase("a == b >= c <= d < e > f", [.identifier, .equalEqual, .identifier, .greaterEqual, .identifier,
                                             .lessEqual, .identifier, .less, .identifier, .greater, .identifier]),
        LexCase("a AND b Or c unless d ATAN2 e ^ f % g / h", [.identifier, .and, .identifier, .or, .identifier,
                                                             .unless, .identifier, .atan2, .identifier, .pow,
                                                             .identifier, .mod, .identifier, .div, .identifier]),
        LexCase("# only a comment", []),
        LexCase("x # comment\n+ `raw\\n`", [.identifier, .add, .string]),
        LexCase("a bool on ignoring group_left group_right without", [.identifier, .bool, .on, .ignoring, .groupLeft,
                                                                      .groupRight, .without]),
    ])
    func lexes(_ c: LexCase) {
        #expect(Lexer.tokenize(c.input).map(\.kind) == c.kinds)
    }

    @Test("records byte ranges of tokens")
    func ranges() {
        let tokens = Lexer.tokenize("é{a=\"x\"}")
        // 'é' is not a PromQL character: the lexer stops with an error token at byte 0.
        #expect(tokens.map(\.kind) == [.error])
        let ok = Lexer.tokenize("rate(x[5m])")
        #expect(ok.map(\.range.start) == [0, 4, 5, 6, 7, 9, 10, 11])
    }

    @Test("ends with an error token at the first lexing error", arguments: [
        ("x{a=\"b\"", "unexpected end of input inside braces"),
        ("\"abc", "unterminated quoted string"),
        ("x[5]", "missing unit character in duration"),
        ("1a", "bad number or duration syntax: \"1\""),
    ])
    func errors(_ input: String, _ message: String) {
        let last = Lexer.tokenize(input).last
        #expect(last?.kind == .error)
        #expect(last?.text == message)
    }
}
