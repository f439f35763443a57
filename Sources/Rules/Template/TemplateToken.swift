/// One lexical item of a Go `text/template`.
struct TemplateToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case text              // literal text outside actions
        case leftDelim         // {{ (trim handled by the lexer)
        case rightDelim        // }}
        case space             // spaces separating arguments
        case identifier        // a function name or keyword
        case field             // .Name
        case variable          // $name or $
        case dot               // .
        case string            // "quoted" (value already unquoted)
        case rawString         // `raw` (value already unquoted)
        case character         // 'c' (value is the character's code as a number)
        case number
        case bool
        case nilValue
        case pipe              // |
        case leftParen
        case rightParen
        case declare           // :=
        case assign            // =
        case comma
        case keyword           // if, else, end, range, with, break, continue, define, template, block
    }

    var kind: Kind
    var value: String
    var position: TemplatePosition
}
