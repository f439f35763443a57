/// What template functions may reach outside their arguments: the `query` function's
/// engine and the external URL.
public struct TemplateContext: Sendable {
    /// Runs a PromQL instant query at the evaluation time (the `query` function); nil
    /// makes `query` fail with an error.
    public var query: (@Sendable (String) throws -> [TemplateSample])?
    /// Prometheus's `--web.external-url` (`externalURL`, `pathPrefix`).
    public var externalURL: String

    public init(query: (@Sendable (String) throws -> [TemplateSample])? = nil, externalURL: String = "") {
        self.query = query
        self.externalURL = externalURL
    }
}

/// A function failed; the executor reports it as `error calling NAME: message`.
struct TemplateFunctionError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The function table: Go's builtins and Prometheus's template functions.
enum TemplateFunctions {
    typealias Function = @Sendable ([TemplateValue], TemplateContext) throws(TemplateFunctionError) -> TemplateValue

    static let table: [String: Function] = builtins.merging(prometheus) { first, _ in first }
        .merging(links) { first, _ in first }

    /// Parameters declared `string` in Go, by function: a constant of another type there
    /// fails before the call (`expected string; found 5`).
    static let stringParameters: [String: Set<Int>] = [
        "printf": [0], "query": [0], "stripPort": [0], "stripDomain": [0], "graphLink": [0], "tableLink": [0],
        "parseDuration": [0], "label": [0], "sortByLabel": [0], "toUpper": [0], "toLower": [0],
        "title": [0], "reReplaceAll": [0, 1, 2], "match": [0, 1], "safeHtml": [0],
    ]
    static let names = Set(table.keys)

    // MARK: Go builtins

    static let builtins: [String: Function] = [
        "and": { arguments, _ throws(TemplateFunctionError) in
            guard let first = arguments.first else { throw TemplateFunctionError("wrong number of args for and: want at least 1 got 0") }
            return arguments.first { !$0.isTrue } ?? arguments.last ?? first
        },
        "or": { arguments, _ throws(TemplateFunctionError) in
            guard !arguments.isEmpty else { throw TemplateFunctionError("wrong number of args for or: want at least 1 got 0") }
            return arguments.first { $0.isTrue } ?? arguments[arguments.count - 1]
        },
        "not": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "not")
            return .bool(!arguments[0].isTrue)
        },
        "len": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 1, "len")
            switch arguments[0] {
            case .string(let text): return .int(text.utf8.count)
            case .map(let map): return .int(map.count)
            case .samples(let samples): return .int(samples.count)
            default: throw TemplateFunctionError("len of type \(arguments[0].goTypeName)")
            }
        },
        "index": { arguments, _ throws(TemplateFunctionError) in
            guard let first = arguments.first else { throw TemplateFunctionError("wrong number of args for index: want at least 1 got 0") }
            var item = first
            for key in arguments.dropFirst() {
                switch (item, key) {
                case (.map(let map), .string(let name)): item = .string(map[name] ?? "")
                case (.samples(let samples), .int(let position)):
                    guard samples.indices.contains(position) else {
                        throw TemplateFunctionError("error calling index: index out of range: \(position)")
                    }
                    item = .sample(samples[position])
                default:
                    throw TemplateFunctionError("can't index item of type \(item.goTypeName)")
                }
            }
            return item
        },
        "print": { arguments, _ in .string(goPrint(arguments)) },
        "println": { arguments, _ in .string(arguments.map(\.printed).joined(separator: " ") + "\n") },
        "printf": { arguments, _ throws(TemplateFunctionError) in
            guard case .string(let format)? = arguments.first else {
                throw TemplateFunctionError("wrong type for value; expected string; got \(arguments.first?.goTypeName ?? "<nil>")")
            }
            return .string(GoPrintf.format(format, Array(arguments.dropFirst())))
        },
        "eq": { arguments, _ throws(TemplateFunctionError) in
            guard arguments.count >= 2 else { throw TemplateFunctionError("missing argument for comparison") }
            for other in arguments.dropFirst() where try compare(arguments[0], other) == 0 { return .bool(true) }
            return .bool(false)
        },
        "ne": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 2, "ne")
            return .bool(try compare(arguments[0], arguments[1]) != 0)
        },
        "lt": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 2, "lt")
            return .bool(try compare(arguments[0], arguments[1], ordered: true) < 0)
        },
        "le": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 2, "le")
            return .bool(try compare(arguments[0], arguments[1], ordered: true) <= 0)
        },
        "gt": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 2, "gt")
            return .bool(try compare(arguments[0], arguments[1], ordered: true) > 0)
        },
        "ge": { arguments, _ throws(TemplateFunctionError) in
            try count(arguments, 2, "ge")
            return .bool(try compare(arguments[0], arguments[1], ordered: true) >= 0)
        },
        "html": { arguments, _ in .string(escapeHTML(goPrint(arguments))) },
        "urlquery": { arguments, _ in .string(escapeQuery(goPrint(arguments))) },
    ]

    static func count(_ arguments: [TemplateValue], _ expected: Int, _ name: String) throws(TemplateFunctionError) {
        guard arguments.count == expected else {
            throw TemplateFunctionError("wrong number of args for \(name): want \(expected) got \(arguments.count)")
        }
    }

    /// Go's `fmt.Sprint`: spaces only between operands when neither is a string.
    static func goPrint(_ arguments: [TemplateValue]) -> String {
        var out = ""
        for (index, argument) in arguments.enumerated() {
            if index > 0, !isString(argument), !isString(arguments[index - 1]) { out += " " }
            out += argument.printed
        }
        return out
    }

    private static func isString(_ value: TemplateValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    /// Go's template comparison: same basic kind required (int with float is an error).
    static func compare(_ lhs: TemplateValue, _ rhs: TemplateValue,
                        ordered: Bool = false) throws(TemplateFunctionError) -> Int {
        func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a == b ? 0 : 1 }
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return order(a, b)
        case (.float(let a), .float(let b)): return a == b ? 0 : a < b ? -1 : 1
        case (.string(let a), .string(let b)): return order(a, b)
        case (.bool(let a), .bool(let b)):
            guard !ordered else { throw TemplateFunctionError("invalid type for comparison") }
            return a == b ? 0 : 1
        case (.null, .null) where !ordered: return 0
        default:
            throw TemplateFunctionError("incompatible types for comparison")
        }
    }

    static func escapeHTML(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func escapeQuery(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                 UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "): out += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
