extension Template {
    /// Expands the template with `dot` as `.` and `$`, and `variables` predeclared (for
    /// alert templates: `$labels`, `$externalLabels`, `$externalURL`, `$value`).
    public func execute(dot: TemplateValue, variables: [String: TemplateValue] = [:],
                        context: TemplateContext = TemplateContext()) throws(TemplateError) -> String {
        var executor = TemplateExecutor(name: name, context: context, definitions: definitions)
        executor.variables = [("$", dot)] + variables.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        _ = try executor.run(nodes, dot: dot)
        return executor.output
    }
}

/// Walks a parsed template, writing output; errors carry the failing node's position.
struct TemplateExecutor {
    let name: String
    let context: TemplateContext
    var variables: [(name: String, value: TemplateValue)] = []
    var output = ""
    /// Guards against runaway output (a `range` over a huge query result).
    private let outputLimit = 1 << 20

    let definitions: [String: [TemplateNode]]
    /// The template being executed (the main one or a `{{define}}`d one), for messages.
    private var executing: String
    /// Nesting of `{{template}}` calls, bounded so a self-calling template stops.
    private var callDepth = 0
    private static let maximumCallDepth = 100

    init(name: String, context: TemplateContext, definitions: [String: [TemplateNode]] = [:]) {
        self.name = name
        self.context = context
        self.definitions = definitions
        self.executing = name
    }

    enum Flow { case normal, breakLoop, continueLoop }

    private func error(_ message: String, at position: TemplatePosition, near text: String? = nil) -> TemplateError {
        let at = text.map { " at <\($0)>" } ?? ""
        return TemplateError(phase: .execution, line: position.line, column: position.column,
                             message: "executing \"\(executing)\"\(at): \(message)", name: name)
    }

    mutating func run(_ nodes: [TemplateNode], dot: TemplateValue) throws(TemplateError) -> Flow {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .action(let pipeline):
                let value = try evaluate(pipeline, dot: dot)
                if pipeline.variables.isEmpty { output += value.printed }
            case .ifNode(let branch):
                let flow = try runConditional(branch, dot: dot, rebindDot: false)
                if flow != .normal { return flow }
            case .withNode(let branch):
                let flow = try runConditional(branch, dot: dot, rebindDot: true)
                if flow != .normal { return flow }
            case .rangeNode(let branch):
                let flow = try runRange(branch, dot: dot)
                if flow != .normal { return flow }
            case .breakNode:
                return .breakLoop
            case .continueNode:
                return .continueLoop
            case .templateCall(let template, let pipeline, let position):
                try runTemplate(template, pipeline: pipeline, dot: dot, at: position)
            }
            if output.utf8.count > outputLimit {
                throw TemplateError(phase: .execution, line: 1, column: 1,
                                    message: "executing \"\(name)\": output exceeds \(outputLimit) bytes", name: name)
            }
        }
        return .normal
    }

    /// `{{template}}`: the named body runs with its own variables (only `$`, bound to the new dot).
    private mutating func runTemplate(_ template: String, pipeline: TemplatePipeline?, dot: TemplateValue,
                                      at position: TemplatePosition) throws(TemplateError) {
        let quoted = GoPrintf.quote(template)
        let call = "{{template \(quoted)" + (pipeline == nil ? "" : " ...") + "}}"
        guard let body = definitions[template] else {
            throw error("template \(quoted) not defined", at: position, near: call)
        }
        guard callDepth < Self.maximumCallDepth else {
            throw error("exceeded maximum template depth (\(Self.maximumCallDepth))", at: position)
        }
        let newDot = try pipeline.map { pipeline throws(TemplateError) in try evaluate(pipeline, dot: dot) } ?? .null
        let saved = (variables, executing)
        variables = [("$", newDot)]
        executing = template
        callDepth += 1
        defer {
            (variables, executing) = saved
            callDepth -= 1
        }
        _ = try run(body, dot: newDot)
    }

    private mutating func runConditional(_ branch: TemplateBranch, dot: TemplateValue,
                                         rebindDot: Bool) throws(TemplateError) -> Flow {
        let scope = variables.count
        defer { variables.removeLast(variables.count - scope) }
        let value = try evaluate(branch.pipeline, dot: dot)
        if value.isTrue {
            return try run(branch.body, dot: rebindDot ? value : dot)
        }
        if let elseBody = branch.elseBody { return try run(elseBody, dot: dot) }
        return .normal
    }

    private mutating func runRange(_ branch: TemplateBranch, dot: TemplateValue) throws(TemplateError) -> Flow {
        let scope = variables.count
        defer { variables.removeLast(variables.count - scope) }
        // Declared variables are bound per element, not to the whole value.
        var pipeline = branch.pipeline
        let declared = pipeline.variables
        pipeline.variables = []
        let value = try evaluate(pipeline, dot: dot)
        var elements: [(key: TemplateValue, value: TemplateValue)] = []
        switch value {
        case .samples(let samples):
            elements = samples.enumerated().map { (.int($0.offset), .sample($0.element)) }
        case .map(let map):
            elements = map.keys.sorted().map { (.string($0), .string(map[$0] ?? "")) }
        case .null:
            break
        default:
            throw error("range can't iterate over \(value.printed)", at: pipeline.position)
        }
        if elements.isEmpty {
            if let elseBody = branch.elseBody { return try run(elseBody, dot: dot) }
            return .normal
        }
        for element in elements {
            let inner = variables.count
            if declared.count == 1 {
                variables.append((declared[0], element.value))
            } else if declared.count == 2 {
                variables.append((declared[0], element.key))
                variables.append((declared[1], element.value))
            }
            let flow = try run(branch.body, dot: element.value)
            variables.removeLast(variables.count - inner)
            if flow == .breakLoop { break }
        }
        return .normal
    }

    // MARK: Pipelines and operands

    mutating func evaluate(_ pipeline: TemplatePipeline, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        var value: TemplateValue?
        for command in pipeline.commands {
            value = try evaluate(command, dot: dot, final: value)
        }
        let result = value ?? .null
        for name in pipeline.variables {
            if pipeline.isAssignment, let index = variables.lastIndex(where: { $0.name == name }) {
                variables[index].value = result
            } else {
                variables.append((name, result))
            }
        }
        return result
    }

    private mutating func evaluate(_ command: TemplateCommand, dot: TemplateValue,
                                   final: TemplateValue?) throws(TemplateError) -> TemplateValue {
        guard let first = command.arguments.first else { return .null }
        if case .function(let function) = first.term {
            var arguments: [TemplateValue] = []
            let stringParameters = TemplateFunctions.stringParameters[function] ?? []
            for (index, operand) in command.arguments.dropFirst().enumerated() {
                // Go checks constants against the parameter type before calling.
                if stringParameters.contains(index), operand.fields.isEmpty {
                    switch operand.term {
                    case .number, .bool, .nilValue:
                        throw error("expected string; found \(operand.text)", at: operand.position, near: operand.text)
                    default: break
                    }
                }
                arguments.append(try evaluate(operand, dot: dot))
            }
            if let final { arguments.append(final) }
            let context = command.arguments.map(\.text).joined(separator: " ")
            let result = try call(function, arguments, at: first.position, context: context)
            return try access(first.fields, of: result, at: first)
        }
        guard command.arguments.count == 1 else {
            throw error("can't give argument to non-function \(first.text)", at: first.position, near: first.text)
        }
        guard final == nil else {
            throw error("can't give argument to non-function \(first.text)", at: first.position, near: first.text)
        }
        return try evaluate(first, dot: dot)
    }

    private mutating func evaluate(_ operand: TemplateOperand, dot: TemplateValue) throws(TemplateError) -> TemplateValue {
        let base: TemplateValue
        switch operand.term {
        case .dot: base = dot
        case .variable(let name):
            guard let value = variables.last(where: { $0.name == name })?.value else {
                throw error("undefined variable: \(name)", at: operand.position, near: operand.text)
            }
            base = value
        case .function(let function): base = try call(function, [], at: operand.position, context: operand.text)
        case .string(let text): base = .string(text)
        case .number(.int(let number)): base = .int(number)
        case .number(.float(let number)): base = .float(number)
        case .bool(let flag): base = .bool(flag)
        case .nilValue:
            throw error("nil is not a command", at: operand.position, near: operand.text)
        case .pipeline(let pipeline):
            let scope = variables.count
            base = try evaluate(pipeline, dot: dot)
            variables.removeLast(variables.count - scope)
        }
        return try access(operand.fields, of: base, at: operand)
    }

    /// Calls `function`; errors name the whole command (`at <humanize "abc">`), as Go does.
    private func call(_ function: String, _ arguments: [TemplateValue], at position: TemplatePosition,
                      context text: String) throws(TemplateError) -> TemplateValue {
        guard let implementation = TemplateFunctions.table[function] else {
            throw error("function \"\(function)\" not defined", at: position, near: text)
        }
        do {
            return try implementation(arguments, context)
        } catch {
            throw self.error("error calling \(function): \(error.message)", at: position, near: text)
        }
    }

    /// Follows `.a.b` from `value`: struct fields, map keys (missing keys give ""), sample fields.
    private func access(_ fields: [String], of value: TemplateValue,
                        at operand: TemplateOperand) throws(TemplateError) -> TemplateValue {
        var current = value
        for field in fields {
            switch current {
            case .map(let map):
                current = .string(map[field] ?? "")
            case .record(let record):
                guard let next = record[field] else {
                    throw error("can't evaluate field \(field) in type \(record.typeName)",
                                at: operand.position, near: operand.text)
                }
                current = next
            case .sample(let sample) where field == "Labels":
                current = .map(sample.labels)
            case .sample(let sample) where field == "Value":
                current = .float(sample.value)
            case .null:
                throw error("nil pointer evaluating interface {}.\(field)", at: operand.position, near: operand.text)
            default:
                throw error("can't evaluate field \(field) in type \(current.goTypeName)",
                            at: operand.position, near: operand.text)
            }
        }
        return current
    }
}
