/// Go's `fmt.Sprintf` for template values: the verbs alert templates use (`%v %s %d %f
/// %e %g %q %t %x %%`), flags `+ - # 0 space`, width and precision, and Go's in-band
/// error notation (`%!d(string=abc)`, `%!s(MISSING)`, `%!(EXTRA ...)`).
enum GoPrintf {
    static func format(_ format: String, _ arguments: [TemplateValue]) -> String {
        var out = ""
        var argumentIndex = 0
        let characters = Array(format)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            guard character == "%" else {
                out.append(character)
                continue
            }
            var spec = Spec()
            while index < characters.count, let flag = Spec.Flag(rawValue: characters[index]) {
                spec.flags.insert(flag)
                index += 1
            }
            spec.width = readNumber(characters, &index)
            if index < characters.count, characters[index] == "." {
                index += 1
                spec.precision = readNumber(characters, &index) ?? 0
            }
            guard index < characters.count else {
                out += "%!(NOVERB)"
                break
            }
            let verb = characters[index]
            index += 1
            if verb == "%" {
                out.append("%")
                continue
            }
            guard argumentIndex < arguments.count else {
                out += "%!\(verb)(MISSING)"
                continue
            }
            let argument = arguments[argumentIndex]
            argumentIndex += 1
            out += spec.pad(render(argument, verb: verb, spec: spec))
        }
        if argumentIndex < arguments.count {
            let extra = arguments[argumentIndex...].map { "\($0.goTypeName)=\($0.printed)" }
            out += "%!(EXTRA " + extra.joined(separator: ", ") + ")"
        }
        return out
    }

    struct Spec {
        enum Flag: Character { case plus = "+", minus = "-", sharp = "#", zero = "0", space = " " }
        var flags: Set<Flag> = []
        var width: Int?
        var precision: Int?

        func pad(_ text: String) -> String {
            guard let width, text.count < width else { return text }
            let padding = width - text.count
            if flags.contains(.minus) { return text + String(repeating: " ", count: padding) }
            if flags.contains(.zero), let first = text.first, first.isNumber || first == "-" || first == "+" {
                let signed = first == "-" || first == "+"
                let sign = signed ? String(first) : ""
                let digits = signed ? String(text.dropFirst()) : text
                return sign + String(repeating: "0", count: padding) + digits
            }
            return String(repeating: " ", count: padding) + text
        }
    }

    /// Widths and precisions above this are clamped, so a template cannot ask for
    /// gigabytes of padding.
    static let maximumWidth = 4096

    private static func readNumber(_ characters: [Character], _ index: inout Int) -> Int? {
        var value: Int?
        while index < characters.count, characters[index].isASCII, let digit = characters[index].wholeNumberValue {
            value = min((value ?? 0) * 10 + digit, maximumWidth)
            index += 1
        }
        return value
    }

    private static func bad(_ verb: Character, _ argument: TemplateValue) -> String {
        "%!\(verb)(\(argument.goTypeName)=\(argument.printed))"
    }

    private static func render(_ argument: TemplateValue, verb: Character, spec: Spec) -> String {
        let plus = spec.flags.contains(.plus)
        let space = spec.flags.contains(.space)
        switch (verb, argument) {
        case ("v", .float(let value)):
            return GoFloat.format(value, verb: "g", precision: spec.precision, plus: plus, space: space)
        case ("v", _):
            return argument.printed
        case ("s", .string(let value)):
            guard let precision = spec.precision else { return value }
            return String(value.prefix(precision))
        case ("s", .float), ("s", .int), ("s", .bool):
            return bad(verb, argument)
        case ("s", _):
            return argument.printed
        case ("q", .string(let value)):
            return quote(value)
        case ("t", .bool(let value)):
            return value ? "true" : "false"
        case ("d", .int(let value)):
            return (plus && value >= 0 ? "+" : "") + String(value)
        case ("x", .int(let value)), ("X", .int(let value)):
            let text = String(value, radix: 16, uppercase: verb == "X")
            return text
        case ("x", .string(let value)), ("X", .string(let value)):
            return value.utf8.map { byte in
                let hex = String(byte, radix: 16, uppercase: verb == "X")
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
        case ("e", .float(let value)), ("E", .float(let value)), ("f", .float(let value)),
             ("F", .float(let value)), ("g", .float(let value)), ("G", .float(let value)):
            return GoFloat.format(value, verb: verb, precision: spec.precision, plus: plus, space: space)
        default:
            return bad(verb, argument)
        }
    }

    /// Go's `strconv.Quote` for printable text: backslash escapes for quotes and controls.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
