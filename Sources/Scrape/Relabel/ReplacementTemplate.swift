/// `$`-expansion of `replacement` and `target_label`, with Go's `regexp.Expand` rules.
///
/// `$$` is a literal `$`; `$name` takes the longest run of letters, digits and `_` (so
/// `$1x` names the group `1x`, which does not exist and expands to nothing); `${name}`
/// delimits the name; a number without a leading zero is a group index; groups that do
/// not exist or did not participate expand to nothing; a `$` not followed by a valid
/// reference is kept as it is.
enum ReplacementTemplate {
    static func expand(_ template: String, with captures: Captures) -> String {
        guard template.contains("$") else { return template }
        var output = ""
        var rest = Substring(template)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            if rest.first == "$" {
                output.append("$")
                rest = rest.dropFirst()
                continue
            }
            guard let found = reference(at: rest) else {
                output.append("$")
                continue
            }
            let name = found.name
            rest = found.rest
            if let group = groupIndex(name) {
                if group < captures.groups.count, let text = captures.groups[group] { output += text }
            } else if let group = captures.names[String(name)], let text = captures.groups[group] {
                output += text
            }
        }
        output += rest
        return output
    }

    /// The name after a `$` (braced or not) and the text after it, or nil if malformed.
    private static func reference(at text: Substring) -> (name: Substring, rest: Substring)? {
        var body = text
        let braced = body.first == "{"
        if braced { body = body.dropFirst() }
        let end = body.unicodeScalars.firstIndex { scalar in
            !(isWordScalar(scalar))
        } ?? body.endIndex
        let name = body[..<end]
        guard !name.isEmpty else { return nil }
        var rest = body[end...]
        if braced {
            guard rest.first == "}" else { return nil }
            rest = rest.dropFirst()
        }
        return (name, rest)
    }

    /// Go's `unicode.IsLetter || unicode.IsDigit || '_'`: categories L* and Nd.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// The group number a name denotes: ASCII digits, no leading zero, at most nine digits.
    private static func groupIndex(_ name: Substring) -> Int? {
        guard name.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        if name.count > 1 && name.first == "0" { return nil }
        guard name.count <= 9 else { return nil }
        return Int(name)
    }
}
