/// Prometheus's template functions (`template/template.go` in 2.42), same names and output.
extension TemplateFunctions {
    static let prometheus: [String: Function] = [
        "query": { arguments, context throws(TemplateFunctionError) in
            try count(arguments, 1, "query")
            let text = try string(arguments[0])
            guard let query = context.query else { throw TemplateFunctionError("query is not available here") }
            do {
                return .samples(try query(text))
            } catch {
                throw TemplateFunctionError("\(error)")
            }
        },
        "first": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "first")
            guard case .samples(let samples) = arguments[0], let first = samples.first else {
                throw TemplateFunctionError("first() called on vector with no elements")
            }
            return .sample(first)
        },
        "label": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 2, "label")
            let name = try string(arguments[0])
            guard case .sample(let sample) = arguments[1] else { return .string("") }
            return .string(sample.labels[name] ?? "")
        },
        "value": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "value")
            guard case .sample(let sample) = arguments[0] else { return .float(0) }
            return .float(sample.value)
        },
        "strvalue": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "strvalue")
            guard case .sample(let sample) = arguments[0] else { return .string("") }
            return .string(sample.labels["__value__"] ?? "")
        },
        "sortByLabel": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 2, "sortByLabel")
            let name = try string(arguments[0])
            guard case .samples(let samples) = arguments[1] else { return arguments[1] }
            return .samples(samples.enumerated().sorted { lhs, rhs in
                let (a, b) = (lhs.element.labels[name] ?? "", rhs.element.labels[name] ?? "")
                return a != b ? a < b : lhs.offset < rhs.offset
            }.map(\.element))
        },
        "toUpper": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "toUpper")
            return .string(try string(arguments[0]).uppercased())
        },
        "toLower": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "toLower")
            return .string(try string(arguments[0]).lowercased())
        },
        "title": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "title")
            return .string(title(try string(arguments[0])))
        },
        "reReplaceAll": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 3, "reReplaceAll")
            let pattern = try string(arguments[0])
            let replacement = try string(arguments[1])
            let text = try string(arguments[2])
            return .string(try GoRegexReplace.replaceAll(pattern: pattern, template: replacement, in: text))
        },
        "match": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 2, "match")
            return .bool(try GoRegexReplace.matches(pattern: try string(arguments[0]), in: try string(arguments[1])))
        },
        "safeHtml": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "safeHtml")
            return .string(try string(arguments[0]))
        },
        "externalURL": { _, context in .string(context.externalURL) },
        "pathPrefix": { _, context in .string(pathOf(context.externalURL)) },
        "humanize": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "humanize")
            return .string(HumanizeFormat.humanize(try float(arguments[0])))
        },
        "humanize1024": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "humanize1024")
            return .string(HumanizeFormat.humanize1024(try float(arguments[0])))
        },
        "humanizeDuration": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "humanizeDuration")
            return .string(HumanizeFormat.duration(try float(arguments[0])))
        },
        "humanizePercentage": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "humanizePercentage")
            return .string(GoFloat.format(try float(arguments[0]) * 100, verb: "g", precision: 4) + "%")
        },
        "humanizeTimestamp": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "humanizeTimestamp")
            return .string(try HumanizeFormat.timestamp(try float(arguments[0])))
        },
        "toTime": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "toTime")
            return .string(try HumanizeFormat.timestamp(try float(arguments[0])))
        },
    ]

    static func string(_ value: TemplateValue) throws(TemplateFunctionError) -> String {
        guard case .string(let text) = value else {
            throw TemplateFunctionError("wrong type for value; expected string; got \(value.goTypeName)")
        }
        return text
    }

    /// Prometheus's `convertToFloat`: floats, integers and numeric strings.
    static func float(_ value: TemplateValue) throws(TemplateFunctionError) -> Double {
        switch value {
        case .float(let number): return number
        case .int(let number): return Double(number)
        case .string(let text):
            guard let number = GoParseFloat.parse(text) else {
                throw TemplateFunctionError("strconv.ParseFloat: parsing \(GoPrintf.quote(text)): invalid syntax")
            }
            return number
        default:
            throw TemplateFunctionError("can't convert \(value.goTypeName) to float")
        }
    }

    /// Go's `strings.Title`: upper-cases the first letter of every word.
    static func title(_ text: String) -> String {
        var out = ""
        var previousIsSeparator = true
        for character in text {
            out += previousIsSeparator ? character.uppercased() : String(character)
            previousIsSeparator = !(character.isLetter || character.isNumber || character == "_")
        }
        return out
    }

    private static func pathOf(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "" }
        return String(rest[slash...])
    }
}

/// Go's `strconv.ParseFloat` for the forms numbers take in labels and values.
enum GoParseFloat {
    static func parse(_ text: String) -> Double? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        let lower = body.lowercased()
        if lower == "inf" || lower == "infinity" { return negative ? -.infinity : .infinity }
        if lower == "nan" { return .nan }
        guard !lower.isEmpty, lower.allSatisfy({ $0.isASCII && ($0.isNumber || ".e+-_x".contains($0)) }),
              let value = Double(lower) else { return nil }
        return negative ? -value : value
    }
}
