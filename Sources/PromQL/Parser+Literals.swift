/// Converting number and duration tokens, and the post-parse depth check.
extension Parser {
    /// Go's `strconv.ParseInt(s, 0, 64)` then `strconv.ParseFloat(s, 64)`, as Prometheus does.
    func parseNumber(_ token: Token) throws(ParseError) -> Double {
        let text = token.text
        let lower = text.lowercased()
        if lower == "inf" { return .infinity }
        if lower == "nan" { return .nan }
        if lower.hasPrefix("0x") {
            if let value = Int64(lower.dropFirst(2), radix: 16) { return Double(value) }
            throw numberError(text, reason: "invalid syntax", at: token.range)
        }
        if text.count > 1, text.hasPrefix("0"), text.utf8.allSatisfy({ $0 >= 48 && $0 <= 55 }) {
            if let value = Int64(text.dropFirst(), radix: 8) { return Double(value) }
        }
        if let value = Int64(text) { return Double(value) }
        // Swift also reads hex floats and words like "infinity"; Go's lexer never passes those here.
        let decimal = text.utf8.allSatisfy { byte in
            Lexer.isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        }
        guard decimal, let value = Double(text) else {
            throw numberError(text, reason: "invalid syntax", at: token.range)
        }
        if value.isInfinite { throw numberError(text, reason: "value out of range", at: token.range) }
        return value
    }

    private func numberError(_ text: String, reason: String, at range: SourceRange) -> ParseError {
        error("error parsing number: strconv.ParseFloat: parsing \(GoQuoting.quote(text)): \(reason)", at: range)
    }

    /// A duration that must be positive, as in ranges, steps and offsets.
    func parseDuration(_ token: Token) throws(ParseError) -> Milliseconds {
        let value: Milliseconds
        do {
            value = try PromDuration.parse(token.text)
        } catch {
            throw self.error(error.description, at: token.range)
        }
        if value == 0 { throw error("duration must be greater than 0", at: token.range) }
        return value
    }

    /// Rejects trees deeper than `maximumDepth` without recursing (left-leaning operator
    /// chains like `1+1+1+…` are deep although the parser never recursed for them).
    func checkDepth(of root: Expr) throws(ParseError) {
        var stack: [(Expr, Int)] = [(root, 1)]
        while let (expression, level) = stack.popLast() {
            if level > maximumDepth {
                throw error("expression nesting exceeds the maximum depth of \(maximumDepth)", at: expression.span)
            }
            for child in expression.children {
                stack.append((child, level + 1))
            }
        }
    }
}

/// Decodes the text of a string token (quotes included). The lexer has already validated
/// every escape, so decoding cannot fail.
enum StringDecoding {
    static func decode(_ token: String) -> String {
        var bytes = Array(token.utf8)
        guard let quote = bytes.first, bytes.count >= 2 else { return "" }
        bytes = Array(bytes[1..<(bytes.count - 1)])
        if quote == UInt8(ascii: "`") { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < bytes.count else {
                out.append(byte)
                continue
            }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                index -= 1
                out.append(UInt8(truncatingIfNeeded: readDigits(bytes, &index, count: 3, radix: 8)))
            case UInt8(ascii: "x"):
                out.append(UInt8(truncatingIfNeeded: readDigits(bytes, &index, count: 2, radix: 16)))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let value = readDigits(bytes, &index, count: escape == UInt8(ascii: "u") ? 4 : 8, radix: 16)
                out.append(contentsOf: Array(String(Unicode.Scalar(value) ?? "\u{FFFD}").utf8))
            default:
                out.append(escape)  // `\\`, `\"`, `\'`
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func readDigits(_ bytes: [UInt8], _ index: inout Int, count: Int, radix: UInt32) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count where index < bytes.count {
            value = value &* radix &+ (Lexer.digitValue(Unicode.Scalar(bytes[index])) ?? 0)
            index += 1
        }
        return value
    }
}
