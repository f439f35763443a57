/// A parsed Go `text/template`: the tree ``TemplateParser`` builds and
/// ``TemplateExecutor`` walks.
public struct Template: Sendable {
    /// The template's name, used in error messages.
    public let name: String
    let nodes: [TemplateNode]
    /// Templates named with `{{define}}` or `{{block}}`, for `{{template}}`.
    let definitions: [String: [TemplateNode]]
}

indirect enum TemplateNode: Sendable {
    case text(String)
    /// `{{ pipeline }}`: prints the pipeline's value (nothing if it declares variables).
    case action(TemplatePipeline)
    case ifNode(TemplateBranch)
    case rangeNode(TemplateBranch)
    case withNode(TemplateBranch)
    case breakNode(TemplatePosition)
    case continueNode(TemplatePosition)
    /// `{{template "name" pipeline}}`: runs a defined template with the pipeline as `.`.
    case templateCall(name: String, pipeline: TemplatePipeline?, position: TemplatePosition)
}

/// The shared shape of `if`, `range` and `with`: a pipeline, a body and an optional else.
struct TemplateBranch: Sendable {
    var pipeline: TemplatePipeline
    var body: [TemplateNode]
    var elseBody: [TemplateNode]?
}

/// `$x := a | b c`: optional variable declarations, then commands joined by `|`.
struct TemplatePipeline: Sendable {
    var position: TemplatePosition
    var variables: [String]
    /// True for `$x = ...` (assignment to an existing variable), false for `:=`.
    var isAssignment: Bool
    var commands: [TemplateCommand]
}

/// One stage of a pipeline: a function call with arguments, or a single operand.
struct TemplateCommand: Sendable {
    var position: TemplatePosition
    var arguments: [TemplateOperand]
}

/// An argument: a term, possibly followed by a field chain (`$labels.job`, `(x).Value`).
struct TemplateOperand: Sendable {
    var position: TemplatePosition
    var term: TemplateTerm
    var fields: [String]
    /// Source text, for `executing ... at <...>` messages.
    var text: String
}

indirect enum TemplateTerm: Sendable {
    case dot
    case variable(String)
    case function(String)
    case string(String)
    case number(TemplateNumber)
    case bool(Bool)
    case nilValue
    case pipeline(TemplatePipeline)
}

/// A numeric literal as Go keeps it: an integer when it is one, else a float.
enum TemplateNumber: Sendable, Equatable {
    case int(Int)
    case float(Double)
}
