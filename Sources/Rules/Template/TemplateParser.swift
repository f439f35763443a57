/// Parses Go `text/template` text (the subset Prometheus alert and recording templates
/// use) into a ``Template``.
///
/// ```swift
/// let template = try TemplateParser.parse("{{ $labels.job }} is {{ $value | humanize }}")
/// ```
///
/// Supported: text, `{{ }}` actions with trim markers and comments, pipelines, parenthesized
/// pipelines, variables (`:=`, `=`), fields, string/raw/char/number/bool/nil literals,
/// `if`/`else if`/`else`/`end`, `range` (with `$i, $e :=`, `else`, `break`, `continue`),
/// `with`, and `define`/`template`/`block`. As in Go, calling an unknown function or using
/// an undeclared variable is a parse error.
public enum TemplateParser {
    /// The variables Prometheus declares before every alert template.
    public static let alertVariables = ["$labels", "$externalLabels", "$externalURL", "$value"]

    /// Parses `text`. `name` appears in error messages (Prometheus: `__alert_<name>`);
    /// `variables` are declared up front (by default Prometheus's alert variables).
    public static func parse(_ text: String, name: String = "",
                             variables: [String] = alertVariables) throws(TemplateError) -> Template {
        let tokens = try TemplateLexer.tokenize(text, name: name)
        var state = TemplateParserState(tokens: tokens, name: name, functions: TemplateFunctions.names,
                                        variables: ["$"] + variables)
        let nodes = try state.parseTemplate()
        return Template(name: name, nodes: nodes, definitions: state.definitions)
    }
}

/// The recursive-descent parser proper, over the lexer's tokens.
struct TemplateParserState {
    let tokens: [TemplateToken]
    var index = 0
    let name: String
    let functions: Set<String>
    var variables: [String]
    var rangeDepth = 0
    /// Bodies of `{{define}}` and `{{block}}`, by name.
    var definitions: [String: [TemplateNode]] = [:]
    /// Nesting of control structures and parentheses, bounded so hostile input cannot
    /// exhaust the stack.
    var depth = 0
    static let maximumDepth = 100

    init(tokens: [TemplateToken], name: String, functions: Set<String>, variables: [String]) {
        self.tokens = tokens
        self.name = name
        self.functions = functions
        self.variables = variables
    }

    enum Terminator { case end(TemplatePosition), elseBranch(TemplatePosition), eof }

    mutating func parseTemplate() throws(TemplateError) -> [TemplateNode] {
        let (nodes, terminator) = try parseList()
        switch terminator {
        case .eof: return nodes
        case .end(let position): throw error("unexpected {{end}}", at: position)
        case .elseBranch(let position): throw error("unexpected {{else}}", at: position)
        }
    }

    // MARK: Token helpers

    var current: TemplateToken? { index < tokens.count ? tokens[index] : nil }
    var endPosition: TemplatePosition {
        tokens.last?.position ?? TemplatePosition(offset: 0, line: 1, column: 1)
    }

    func error(_ message: String, at position: TemplatePosition) -> TemplateError {
        TemplateError(phase: .parse, line: position.line, column: position.column, message: message, name: name)
    }

    mutating func skipSpaces() {
        while current?.kind == .space { index += 1 }
    }

    mutating func next() throws(TemplateError) -> TemplateToken {
        guard let token = current else { throw error("unexpected EOF", at: endPosition) }
        index += 1
        return token
    }

    mutating func expectRightDelim(_ context: String) throws(TemplateError) {
        skipSpaces()
        let token = try next()
        guard token.kind == .rightDelim else {
            throw error("unexpected \(describe(token)) in \(context)", at: token.position)
        }
    }

    func describe(_ token: TemplateToken) -> String {
        switch token.kind {
        case .rightDelim: return "\"}}\""
        case .leftDelim: return "\"{{\""
        case .string: return "quoted string"
        case .number: return "number \(token.value)"
        default: return "<\(token.value)>"
        }
    }

    // MARK: Lists and control structures

    mutating func parseList() throws(TemplateError) -> ([TemplateNode], Terminator) {
        var nodes: [TemplateNode] = []
        while let token = current {
            index += 1
            if token.kind == .text {
                nodes.append(.text(token.value))
                continue
            }
            // token is a left delimiter
            skipSpaces()
            let first = try next()
            if first.kind == .keyword {
                switch first.value {
                case "end":
                    try expectRightDelim("end")
                    return (nodes, .end(first.position))
                case "else":
                    return (nodes, .elseBranch(first.position))
                case "if": nodes.append(.ifNode(try parseBranch(keyword: "if")))
                case "with": nodes.append(.withNode(try parseBranch(keyword: "with")))
                case "range":
                    nodes.append(.rangeNode(try parseBranch(keyword: "range")))
                case "break", "continue":
                    guard rangeDepth > 0 else { throw error("{{\(first.value)}} outside {{range}}", at: first.position) }
                    try expectRightDelim(first.value)
                    nodes.append(first.value == "break" ? .breakNode(first.position) : .continueNode(first.position))
                case "define":
                    try parseDefinition(at: first.position)
                case "template", "block":
                    nodes.append(try parseTemplateCall(keyword: first.value, at: first.position))
                default:
                    throw error("unexpected <\(first.value)> in command", at: first.position)
                }
                continue
            }
            index -= 1
            let pipeline = try parsePipeline(context: "command", allowDeclarations: 1)
            nodes.append(.action(pipeline))
        }
        return (nodes, .eof)
    }

    /// Parses `PIPELINE}} body [{{else}} body | {{else if ...}}] {{end}}` after the keyword.
    private mutating func parseBranch(keyword: String) throws(TemplateError) -> TemplateBranch {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("max nesting depth exceeded", at: endPosition) }
        let scope = variables.count
        defer { variables.removeLast(variables.count - scope) }
        let pipeline = try parsePipeline(context: keyword, allowDeclarations: keyword == "range" ? 2 : 1)
        if keyword == "range" { rangeDepth += 1 }
        let (body, terminator) = try parseList()
        if keyword == "range" { rangeDepth -= 1 }
        switch terminator {
        case .eof:
            throw error("unexpected EOF", at: endPosition)
        case .end:
            return TemplateBranch(pipeline: pipeline, body: body, elseBody: nil)
        case .elseBranch(let position):
            skipSpaces()
            if let token = current, token.kind == .keyword, token.value == "if" || token.value == "with" {
                // `{{else if x}}` is `{{else}}{{if x}}...{{end}}` sharing the outer {{end}}.
                guard token.value == keyword else {
                    throw error("unexpected \(token.value) after else in \(keyword)", at: token.position)
                }
                index += 1
                let inner = try parseBranch(keyword: keyword)
                let node: TemplateNode = keyword == "if" ? .ifNode(inner) : .withNode(inner)
                return TemplateBranch(pipeline: pipeline, body: body, elseBody: [node])
            }
            try expectRightDelim("else")
            _ = position
            let (elseBody, elseTerminator) = try parseList()
            guard case .end = elseTerminator else {
                if case .elseBranch(let again) = elseTerminator {
                    throw error("expected end; found {{else}}", at: again)
                }
                throw error("unexpected EOF", at: endPosition)
            }
            return TemplateBranch(pipeline: pipeline, body: body, elseBody: elseBody)
        }
    }

    // MARK: Pipelines

    /// Parses a pipeline up to and including its closing `}}` (or `)` when nested).
    mutating func parsePipeline(context: String, allowDeclarations: Int,
                                        nested: Bool = false) throws(TemplateError) -> TemplatePipeline {
        skipSpaces()
        let start = current?.position ?? endPosition
        var declared: [String] = []
        var isAssignment = false
        if allowDeclarations > 0 { (declared, isAssignment) = try parseDeclarations(limit: allowDeclarations) }
        var commands: [TemplateCommand] = []
        while true {
            skipSpaces()
            guard let token = current else { throw error("unclosed action", at: start) }
            if token.kind == .rightDelim || token.kind == .rightParen {
                let closesNested = token.kind == .rightParen
                guard closesNested == nested else {
                    throw error("unexpected \(describe(token)) in \(context)", at: token.position)
                }
                index += 1
                break
            }
            if !commands.isEmpty {
                guard token.kind == .pipe else { throw error("unexpected \(describe(token)) in \(context)", at: token.position) }
                index += 1
                skipSpaces()
            }
            commands.append(try parseCommand(context: context))
        }
        guard !commands.isEmpty else { throw error("missing value for \(context)", at: start) }
        if !isAssignment { variables.append(contentsOf: declared) }
        return TemplatePipeline(position: start, variables: declared, isAssignment: isAssignment, commands: commands)
    }

    /// `$x :=`, `$i, $e :=` or `$x =` at the start of a pipeline; restores the position if absent.
    private mutating func parseDeclarations(limit: Int) throws(TemplateError) -> ([String], Bool) {
        let save = index
        var names: [String] = []
        while let token = current, token.kind == .variable {
            index += 1
            skipSpaces()
            names.append(token.value)
            guard let after = current else { break }
            if after.kind == .declare || after.kind == .assign {
                index += 1
                let isAssignment = after.kind == .assign
                if isAssignment {
                    for name in names where !variables.contains(name) {
                        throw error("undefined variable \"\(name)\"", at: token.position)
                    }
                }
                guard names.count <= limit else { throw error("too many declarations in command", at: token.position) }
                return (names, isAssignment)
            }
            if after.kind == .comma, limit > 1, names.count < limit {
                index += 1
                skipSpaces()
                continue
            }
            break
        }
        index = save
        return ([], false)
    }

    private mutating func parseCommand(context: String) throws(TemplateError) -> TemplateCommand {
        let start = current?.position ?? endPosition
        var operands: [TemplateOperand] = []
        while let token = current {
            if token.kind == .space {
                index += 1
                continue
            }
            if token.kind == .pipe || token.kind == .rightDelim || token.kind == .rightParen { break }
            operands.append(try parseOperand(context: context))
            if let after = current, after.kind != .space, after.kind != .pipe,
               after.kind != .rightDelim, after.kind != .rightParen {
                throw error("unexpected \(describe(after)) in operand", at: after.position)
            }
        }
        guard !operands.isEmpty else { throw error("empty command", at: start) }
        return TemplateCommand(position: start, arguments: operands)
    }
}
