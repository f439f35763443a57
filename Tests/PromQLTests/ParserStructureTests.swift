import Testing
@testable import PromQL

/// Prints a tree with every binary and unary node in brackets, to check grouping.
func bracketed(_ expression: Expr) -> String {
    switch expression {
    case .binary(let node): return "[\(bracketed(node.lhs)) \(node.op.rawValue) \(bracketed(node.rhs))]"
    case .unary(let node): return "[\(node.op.rawValue)\(bracketed(node.expression))]"
    case .paren(let node): return "(\(bracketed(node.expression)))"
    default: return expression.description
    }
}

@Suite("Parser tree shape, types and positions")
struct ParserStructureTests {
    @Test("binary operators group by Prometheus precedence", arguments: [
        ("1 + 2 * 3", "[1 + [2 * 3]]"),
        ("a - b - c", "[[a - b] - c]"),
        ("2 ^ 3 ^ 2", "[2 ^ [3 ^ 2]]"),
        ("a or b and c unless d", "[a or [[b and c] unless d]]"),
        ("a == b + c", "[a == [b + c]]"),
        ("a > b == c", "[[a > b] == c]"),
        ("a atan2 b * c % d / e", "[[[[a atan2 b] * c] % d] / e]"),
        ("-a ^ b", "[-[a ^ b]]"),
        ("-a * b", "[[-a] * b]"),
        ("a + -b * c", "[a + [[-b] * c]]"),
        ("2 ^ -1 ^ 2", "[2 ^ [-[1 ^ 2]]]"),
        ("-2 ^ 2", "[-[2 ^ 2]]"),
        ("- -1", "1"),
        ("-(1)", "[-(1)]"),
        ("a + b offset 5m", "[a + b offset 5m]"),
        ("-x offset 5m", "[-x offset 5m]"),
        ("(a + b) * c", "[([a + b]) * c]"),
    ])
    func precedence(_ input: String, _ expected: String) throws {
        #expect(bracketed(try Parser.parse(input)) == expected)
    }

    @Test("printing keeps the tree even where a sign would regroup it", arguments: [
        "Inf ^ 2", "-Inf ^ 2", "+Inf ^ fn", "2 ^ -Inf", "-2 ^ 2", "- -1", "x - -1", "--x", "-(-1) ^ 2",
    ])
    func printingKeepsTheTree(_ input: String) throws {
        let tree = try Parser.parse(input)
        #expect(try Parser.parse(tree.description).normalized == tree.normalized, "printed as \(tree)")
    }

    @Test("every expression knows its value type", arguments: [
        ("1", ValueType.scalar), ("\"a\"", .string), ("x", .instantVector), ("x[5m]", .rangeVector), ("x[5m:]", .rangeVector),
        ("rate(x[5m])", .instantVector), ("time()", .scalar), ("scalar(x)", .scalar), ("1 + 2", .scalar),
        ("1 + x", .instantVector), ("-(1)", .scalar), ("sum(x)", .instantVector), ("(x[5m])", .rangeVector),
    ])
    func types(_ input: String, _ type: ValueType) throws {
        #expect(try Parser.parse(input).type == type)
    }

    @Test("nodes carry byte ranges of their source")
    func spans() throws {
        let text = "sum by (job) (rate(x{a=\"b\"}[5m] offset 1m))"
        let tree = try Parser.parse(text)
        guard case .aggregation(let sum) = tree, case .call(let rate) = sum.expression,
              case .matrixSelector(let matrix) = rate.arguments.first else {
            Issue.record("unexpected shape \(tree)")
            return
        }
        func source(_ range: SourceRange) -> String {
            String(decoding: Array(text.utf8)[range.start..<range.end], as: UTF8.self)
        }
        #expect(source(sum.span) == text)
        #expect(source(rate.span) == "rate(x{a=\"b\"}[5m] offset 1m)")
        #expect(source(matrix.span) == "x{a=\"b\"}[5m] offset 1m")
        #expect(source(matrix.selector.span) == "x{a=\"b\"}")
        #expect(matrix.range == 300_000 && matrix.selector.offset == 60_000)
    }

    @Test("modifiers are stored as values in milliseconds")
    func modifiers() throws {
        guard case .subquery(let subquery) = try Parser.parse("rate(x[1m])[1h:30s] @ 1609746000.5 offset -5m") else {
            Issue.record("not a subquery")
            return
        }
        #expect(subquery.range == 3_600_000 && subquery.step == 30_000 && subquery.offset == -300_000)
        #expect(subquery.at == .timestamp(1_609_746_000_500))
        guard case .vectorSelector(let selector) = try Parser.parse("x @ end()") else { return }
        #expect(selector.at == .end)
    }

    @Test("aggregations and vector matching keep their clauses")
    func clauses() throws {
        guard case .aggregation(let topk) = try Parser.parse("topk(3, x) without (a, b)") else { return }
        #expect(topk.op == .topk && topk.without && topk.grouping == ["a", "b"])
        #expect(topk.parameter == .number(NumberLiteral(value: 3, span: SourceRange(start: 5, end: 6))))
        guard case .binary(let binary) = try Parser.parse("a / on (x) group_left (y) b") else { return }
        #expect(binary.matching == VectorMatching(cardinality: .manyToOne, labels: ["x"], on: true, include: ["y"]))
    }

    @Test("selectors keep the name apart from the matchers")
    func selectors() throws {
        guard case .vectorSelector(let selector) = try Parser.parse("x{a=~\"b.*\",c!=\"\"}") else { return }
        #expect(selector.name == "x")
        #expect(selector.matchers.map(\.description) == ["a=~\"b.*\"", "c!=\"\""])
        #expect(selector.allMatchers.last == LabelMatcher(name: "__name__", type: .equal, value: "x"))
    }

    @Test("errors in multi-line queries point at the right line and column")
    func multiLine() {
        let text = "sum by (job) (\n  rate(x[5m])\n)\n  / on (job)\n  group_left (\"a\") y"
        #expect(throws: ParseError.self) { try Parser.parse(text) }
        do {
            _ = try Parser.parse(text)
        } catch {
            #expect(error.location == SourceLocation(line: 5, column: 15))
            #expect(error.description
                == #"5:15: parse error: unexpected string "\"a\"" in grouping opts, expected label"#)
        }
    }
}
