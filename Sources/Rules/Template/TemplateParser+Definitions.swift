/// `{{define}}`, `{{template}}` and `{{block}}`: named templates and calls to them.
extension TemplateParserState {
    /// `{{define "name"}} body {{end}}`: only `$` is visible inside, as in Go.
    mutating func parseDefinition(at position: TemplatePosition) throws(TemplateError) {
        guard depth == 0 else { throw error("unexpected <define> in command", at: position) }
        let name = try parseTemplateName(context: "define clause")
        try expectRightDelim("define clause")
        let body = try parseDefinitionBody(at: position)
        definitions[name] = body
    }

    mutating func parseDefinitionBody(at position: TemplatePosition) throws(TemplateError) -> [TemplateNode] {
        let saved = (variables, rangeDepth)
        variables = ["$"]
        rangeDepth = 0
        depth += 1
        defer {
            (variables, rangeDepth) = saved
            depth -= 1
        }
        let (body, terminator) = try parseList()
        guard case .end = terminator else { throw error("unexpected EOF", at: endPosition) }
        return body
    }

    /// `{{template "name" [pipeline]}}` or `{{block "name" pipeline}} body {{end}}`.
    mutating func parseTemplateCall(keyword: String, at keywordPosition: TemplatePosition) throws(TemplateError) -> TemplateNode {
        skipSpaces()
        // Go reports errors of a template call at its name.
        let position = current?.position ?? keywordPosition
        let name = try parseTemplateName(context: "\(keyword) clause")
        skipSpaces()
        var pipeline: TemplatePipeline?
        if current?.kind == .rightDelim {
            index += 1
            guard keyword == "template" else { throw error("missing value for block clause", at: position) }
        } else {
            pipeline = try parsePipeline(context: "\(keyword) clause", allowDeclarations: 0)
        }
        if keyword == "block" {
            guard depth == 0 else { throw error("unexpected <block> in command", at: position) }
            definitions[name] = try parseDefinitionBody(at: position)
        }
        return .templateCall(name: name, pipeline: pipeline, position: position)
    }

    mutating func parseTemplateName(context: String) throws(TemplateError) -> String {
        skipSpaces()
        let token = try next()
        guard token.kind == .string || token.kind == .rawString else {
            throw error("unexpected \(describe(token)) in \(context)", at: token.position)
        }
        return token.value
    }
}
