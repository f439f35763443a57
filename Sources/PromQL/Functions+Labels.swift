import TSDB

/// `label_replace` and `label_join`.
extension Functions {
    static func labelReplace(_ input: InstantFunctionInput) throws(EvaluationError) -> Value {
        let vector = try input.vector(0)
        let destination = try input.string(1)
        let replacement = try input.string(2)
        let source = try input.string(3)
        let pattern = try input.string(4)
        // Patterns Go's RE2 rejects (back-references, lookaround) fail here even where
        // Swift's engine would accept them.
        if RegexCheck.problem(in: pattern) != nil {
            throw .execution("invalid regular expression in label_replace(): \(pattern)")
        }
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(#"\A(?:"# + pattern + #")\z"#).matchingSemantics(.unicodeScalar)
                .asciiOnlyCharacterClasses()
        } catch {
            throw .execution("invalid regular expression in label_replace(): \(pattern)")
        }
        guard Evaluator.isValidLabelName(destination) else {
            throw .execution("invalid destination label name in label_replace(): \(destination)")
        }
        var out: [Sample] = []
        for sample in vector {
            let value = sample.labels.value(of: source)
            let match: Regex<AnyRegexOutput>.Match?
            do {
                match = try regex.wholeMatch(in: value)
            } catch {
                throw .execution("label_replace(): matching failed: \(error)")
            }
            guard let match else {
                out.append(sample)
                continue
            }
            let expanded = expandTemplate(replacement, match: match)
            out.append(Sample(labels: sample.labels.setting(destination, to: expanded), timestamp: sample.timestamp,
                              value: sample.value))
        }
        return .vector(out)
    }

    /// Go's `Regexp.Expand`: `$1`, `${1}`, `$name`, `${name}`, `$$`. A name is the longest
    /// run of letters, digits and `_`; unknown groups expand to "".
    static func expandTemplate(_ template: String, match: Regex<AnyRegexOutput>.Match) -> String {
        let bytes = Array(template.utf8)
        var out: [UInt8] = []
        var index = 0
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 95
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "$"), index + 1 < bytes.count else {
                out.append(byte)
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "$") {
                out.append(byte)
                index += 2
                continue
            }
            var name: [UInt8] = []
            var next = index + 1
            if bytes[next] == UInt8(ascii: "{") {
                var end = next + 1
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "}"), end > next + 1 {
                    name = Array(bytes[(next + 1)..<end])
                    next = end + 1
                }
            } else {
                var end = next
                while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                name = Array(bytes[next..<end])
                next = end
            }
            guard !name.isEmpty else {
                // Not a valid reference: Go keeps the `$` literally.
                out.append(byte)
                index += 1
                continue
            }
            out.append(contentsOf: Array(groupText(String(decoding: name, as: UTF8.self), match: match).utf8))
            index = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func groupText(_ name: String, match: Regex<AnyRegexOutput>.Match) -> String {
        let output = match.output
        if name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard let number = Int(name), number < output.count else { return "" }
            return output[number].substring.map(String.init) ?? ""
        }
        return output[name]?.substring.map(String.init) ?? ""
    }

    static func labelJoin(_ input: InstantFunctionInput) throws(EvaluationError) -> Value {
        let vector = try input.vector(0)
        let destination = try input.string(1)
        let separator = try input.string(2)
        var sources: [String] = []
        for index in 3..<input.arguments.count {
            let source = try input.string(index)
            guard Evaluator.isValidLabelName(source) else {
                throw .execution("invalid source label name in label_join(): \(source)")
            }
            sources.append(source)
        }
        guard Evaluator.isValidLabelName(destination) else {
            throw .execution("invalid destination label name in label_join(): \(destination)")
        }
        return .vector(vector.map { sample in
            let joined = sources.map { sample.labels.value(of: $0) }.joined(separator: separator)
            return Sample(labels: sample.labels.setting(destination, to: joined), timestamp: sample.timestamp,
                          value: sample.value)
        })
    }
}
