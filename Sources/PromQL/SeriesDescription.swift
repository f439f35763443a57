import TSDB

/// Prometheus's series notation, as used by `.test` scripts and promtool unit tests:
/// `metric{label="value"} 0+10x5 _ stale 3` is a label set and one optional value per
/// step (nil for `_`, ``StaleNaN`` for `stale`).
///
/// ```swift
/// let series = try SeriesDescription(parsing: #"up{job="api"} 1+1x2 _ stale"#)
/// series.values   // [1, 2, 3, nil, StaleNaN]
/// ```
///
/// Value items: `A` (one value), `AxK` (A repeated K+1 times), `A+BxK` / `A-BxK` (K+1
/// values starting at A, stepping by B), `_` (no sample), `_xK` (K missing samples),
/// `stale` (a staleness marker). Numbers follow Go: `Inf`, `NaN`, hex and octal.
public struct SeriesDescription: Sendable {
    /// Why a series description was rejected; `description` names the problem and the text.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// What was wrong, e.g. `unterminated label value`.
        public var message: String
        /// The whole description that failed to parse.
        public var text: String
        public var description: String { "\(message) in series description \"\(text)\"" }
    }

    /// The series' labels, including `__name__` when a metric name was given.
    public var labels: Labels
    /// One entry per step: a value, or nil where the series has no sample.
    public var values: [Double?]

    /// Parses `metric{labels} values...`; the values part may be empty (then the text is
    /// just a series selector-like label set, as in promtool's `exp_samples`).
    public init(parsing text: String) throws(Failure) {
        let bytes = Array(text.utf8)
        var index = 0
        var pairs: [Label] = []
        func fail(_ message: String) -> Failure { Failure(message: message, text: text) }
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
                || byte == 95 || byte == 58
        }
        func skipSpaces() { while index < bytes.count, bytes[index] == 32 || bytes[index] == 9 { index += 1 } }
        let nameStart = index
        while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
        if index > nameStart {
            pairs.append(Label(name: Labels.metricName,
                               value: String(decoding: bytes[nameStart..<index], as: UTF8.self)))
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
            index += 1
            while true {
                skipSpaces()
                guard index < bytes.count else { throw fail("unterminated label set") }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    break
                }
                let start = index
                while index < bytes.count, isNameByte(bytes[index]) { index += 1 }
                let name = String(decoding: bytes[start..<index], as: UTF8.self)
                skipSpaces()
                guard !name.isEmpty, index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                    throw fail("expected label name and `=`")
                }
                index += 1
                skipSpaces()
                guard index < bytes.count else { throw fail("missing label value") }
                let quote = bytes[index]
                let valueStart = index
                index += 1
                while index < bytes.count, bytes[index] != quote {
                    if bytes[index] == UInt8(ascii: "\\"), quote != UInt8(ascii: "`") { index += 1 }
                    index += 1
                }
                guard index < bytes.count else { throw fail("unterminated label value") }
                index += 1
                let literal = String(decoding: bytes[valueStart..<index], as: UTF8.self)
                let decoded: Expr
                do {
                    decoded = try Parser.parse(literal)
                } catch {
                    throw fail("invalid label value \(literal)")
                }
                guard case .string(let string) = decoded else { throw fail("invalid label value \(literal)") }
                pairs.append(Label(name: name, value: string.value))
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1 }
            }
        }
        labels = Labels(pairs)
        values = []
        let rest = String(decoding: bytes[index...], as: UTF8.self)
        for item in rest.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard let expanded = Self.expand(String(item)) else { throw fail("invalid value item \(item)") }
            values.append(contentsOf: expanded)
        }
    }

    /// One value item: `A`, `AxK`, `A+BxK`, `A-BxK`, `_`, `_xK`, `stale`.
    public static func expand(_ item: String) -> [Double?]? {
        if item == "stale" { return [StaleNaN] }
        if item == "_" { return [nil] }
        if item.hasPrefix("_x") {
            guard let count = Int(item.dropFirst(2)), count >= 0 else { return nil }
            return Array(repeating: nil, count: count)
        }
        var rest = Substring(item)
        guard let start = scanNumber(&rest, signed: true) else { return nil }
        var increment = 0.0
        if let sign = rest.first, sign == "+" || sign == "-" {
            rest = rest.dropFirst()
            guard let magnitude = scanNumber(&rest, signed: false) else { return nil }
            increment = sign == "-" ? -magnitude : magnitude
            guard rest.first == "x" else { return nil }
        }
        if rest.isEmpty { return [start] }
        guard rest.first == "x", let count = Int(rest.dropFirst()), count >= 0 else { return nil }
        var values: [Double?] = []
        var current = start
        for _ in 0...count {
            values.append(current)
            current += increment
        }
        return values
    }

    /// Scans a number (`1`, `-2.5e3`, `.5`, `Inf`, `NaN`) off the front of `text`.
    private static func scanNumber(_ text: inout Substring, signed: Bool) -> Double? {
        var end = text.startIndex
        if signed, end < text.endIndex, text[end] == "+" || text[end] == "-" { end = text.index(after: end) }
        let body = text[end...]
        for word in ["inf", "nan"] where body.lowercased().hasPrefix(word) {
            let wordEnd = text.index(end, offsetBy: 3)
            let token = text[..<wordEnd]
            text = text[wordEnd...]
            return parseNumber(String(token))
        }
        var sawExponent = false
        while end < text.endIndex {
            let character = text[end]
            if character.isNumber || character == "." {
                end = text.index(after: end)
            } else if (character == "e" || character == "E") && !sawExponent {
                sawExponent = true
                end = text.index(after: end)
                if end < text.endIndex, text[end] == "+" || text[end] == "-" { end = text.index(after: end) }
            } else {
                break
            }
        }
        let token = String(text[..<end])
        text = text[end...]
        return parseNumber(token)
    }

    /// Go's `ParseInt(s, 0, 64)` then `ParseFloat(s, 64)`, for numbers and expected scalars.
    public static func parseNumber(_ raw: String) -> Double? {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        let text = String(raw.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        let lower = body.lowercased()
        if lower == "inf" || lower == "infinity" { return negative ? -.infinity : .infinity }
        if lower == "nan" { return .nan }
        guard !body.isEmpty else { return nil }
        if lower.hasPrefix("0x"), let value = Int64(lower.dropFirst(2), radix: 16) {
            return negative ? -Double(value) : Double(value)
        }
        if body.count > 1, body.hasPrefix("0"), body.allSatisfy({ ("0"..."7").contains($0) }),
           let value = Int64(body.dropFirst(), radix: 8) {
            return negative ? -Double(value) : Double(value)
        }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || "eE.+-".contains($0)) }),
              let value = Double(body) else { return nil }
        return negative ? -value : value
    }
}
