/// `reReplaceAll` and `match`: Go's `regexp.ReplaceAllString` (with `$1`, `${name}`
/// expansion) and `MatchString`, on Swift's regex engine.
enum GoRegexReplace {
    private static func compile(_ pattern: String) throws(TemplateFunctionError) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw TemplateFunctionError("regexp: Compile(\(GoPrintf.quote(pattern))): \(error)")
        }
    }

    static func matches(pattern: String, in text: String) throws(TemplateFunctionError) -> Bool {
        let regex = try compile(pattern)
        return text.firstMatch(of: regex) != nil
    }

    static func replaceAll(pattern: String, template: String, in text: String) throws(TemplateFunctionError) -> String {
        let regex = try compile(pattern)
        return text.replacing(regex) { match in expand(template, match) }
    }

    /// Go's `Regexp.Expand`: `$$` is `$`, `$name`/`${name}` a group by number or name
    /// (the longest run of letters, digits and `_`), unknown groups expand to nothing.
    private static func expand(_ template: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        var out = ""
        let characters = Array(template)
        var index = 0
        func isNameCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || character == "_")
        }
        while index < characters.count {
            let character = characters[index]
            index += 1
            guard character == "$", index < characters.count else {
                out.append(character)
                continue
            }
            if characters[index] == "$" {
                out.append("$")
                index += 1
                continue
            }
            var name = ""
            if characters[index] == "{" {
                var end = index + 1
                while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
                guard end < characters.count, characters[end] == "}", end > index + 1 else {
                    out.append("$")
                    continue
                }
                name = String(characters[(index + 1)..<end])
                index = end + 1
            } else {
                var end = index
                while end < characters.count, isNameCharacter(characters[end]) { end += 1 }
                guard end > index else {
                    out.append("$")
                    continue
                }
                name = String(characters[index..<end])
                index = end
            }
            out += group(name, match)
        }
        return out
    }

    private static func group(_ name: String, _ match: Regex<AnyRegexOutput>.Match) -> String {
        if let number = Int(name) {
            guard number >= 0, number < match.output.count else { return "" }
            return match.output[number].substring.map(String.init) ?? ""
        }
        return match.output[name]?.substring.map(String.init) ?? ""
    }
}
