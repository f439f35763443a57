/// Operands: the terms of a command (`.field`, `$var`, literals, `(pipeline)`) and numbers.
extension TemplateParserState {
    mutating func parseOperand(context: String) throws(TemplateError) -> TemplateOperand {
        let token = try next()
        let term: TemplateTerm
        var fields: [String] = []
        var text = token.value
        switch token.kind {
        case .dot: term = .dot; text = "."
        case .field:
            term = .dot
            fields.append(token.value)
            text = "." + token.value
        case .variable:
            guard variables.contains(token.value) else {
                throw error("undefined variable \"\(token.value)\"", at: token.position)
            }
            term = .variable(token.value)
        case .identifier:
            guard functions.contains(token.value) else {
                throw error("function \"\(token.value)\" not defined", at: token.position)
            }
            term = .function(token.value)
        case .string, .rawString:
            term = .string(token.value)
            text = GoPrintf.quote(token.value)
        case .character: term = .number(.int(Int(token.value) ?? 0))
        case .number: term = .number(try parseNumber(token))
        case .bool: term = .bool(token.value == "true")
        case .nilValue: term = .nilValue
        case .leftParen:
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw error("max nesting depth exceeded", at: token.position) }
            term = .pipeline(try parsePipeline(context: "parenthesized pipeline", allowDeclarations: 1, nested: true))
            text = "(...)"
        default:
            throw error("unexpected \(describe(token)) in \(context)", at: token.position)
        }
        while let field = current, field.kind == .field {
            index += 1
            fields.append(field.value)
            text += "." + field.value
        }
        return TemplateOperand(position: token.position, term: term, fields: fields, text: text)
    }

    private func parseNumber(_ token: TemplateToken) throws(TemplateError) -> TemplateNumber {
        let text = String(token.value.filter { $0 != "_" })
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        let lower = body.lowercased()
        var integer: Int?
        if lower.hasPrefix("0x") {
            integer = Int(lower.dropFirst(2), radix: 16)
        } else if lower.hasPrefix("0o") {
            integer = Int(lower.dropFirst(2), radix: 8)
        } else if lower.hasPrefix("0b") {
            integer = Int(lower.dropFirst(2), radix: 2)
        } else if lower.count > 1, lower.hasPrefix("0"), lower.allSatisfy(\.isNumber) {
            integer = Int(lower.dropFirst(), radix: 8)
        } else if lower.allSatisfy(\.isNumber) {
            integer = Int(lower)
        }
        if let integer { return .int(negative ? -integer : integer) }
        guard lower.allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "+" || $0 == "-" }),
              let value = Double(lower) else {
            throw error("bad number syntax: \"\(token.value)\"", at: token.position)
        }
        return .float(negative ? -value : value)
    }
}
