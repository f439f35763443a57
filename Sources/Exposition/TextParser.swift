/// A pull parser for the Prometheus text format 0.0.4, following Prometheus 2.42's
/// `promparse`.
///
/// Like Prometheus it is lenient where that parser is: blanks (spaces, tabs) may surround
/// tokens, blank lines are skipped, a trailing comma may end a label set, `# TYPE` may
/// follow samples or repeat, and other `#` lines are comments. Timestamps are integer
/// milliseconds. Label names must not repeat and values must be valid UTF-8.
///
/// ```swift
/// var parser = TextParser("up{job=\"api\"} 1\n")
/// let entry = try parser.next()   // .sample(up{job="api"} 1)
/// ```
public struct TextParser: ExpositionParser, Sendable {
    private var cursor: LineCursor
    private var assembler: LabelAssembler
    private var failure: ExpositionError?

    /// A parser over UTF-8 `bytes`, interning strings in `symbols`.
    public init(bytes: [UInt8], symbols: SymbolTable = SymbolTable()) {
        cursor = LineCursor(bytes: bytes)
        assembler = LabelAssembler(symbols: symbols)
    }

    /// A parser over `text`.
    public init(_ text: String, symbols: SymbolTable = SymbolTable()) {
        self.init(bytes: Array(text.utf8), symbols: symbols)
    }

    public var symbols: SymbolTable { assembler.symbols }

    public mutating func next() throws(ExpositionError) -> ExpositionEntry? {
        if let failure { throw failure }
        do {
            return try parseNextLine()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func parseNextLine() throws(ExpositionError) -> ExpositionEntry? {
        while cursor.advance() {
            let bytes = cursor.bytes
            var i = cursor.lineStart
            let end = cursor.lineEnd
            while i < end && ByteClass.isBlank(bytes[i]) { i += 1 }
            if i == end { continue }  // blank lines are allowed
            if bytes[i] == UInt8(ascii: "#") {
                return try parseHashLine(from: i + 1)
            }
            return try parseSample(from: i)
        }
        return nil
    }

    // MARK: - `#` lines

    private mutating func parseHashLine(from start: Int) throws(ExpositionError) -> ExpositionEntry {
        let bytes = cursor.bytes
        let end = cursor.lineEnd
        var i = start
        while i < end && ByteClass.isBlank(bytes[i]) { i += 1 }
        let isHelp = ByteClass.hasPrefix(bytes, i, end, "HELP")
        let isType = !isHelp && ByteClass.hasPrefix(bytes, i, end, "TYPE")
        // `HELP`/`TYPE` count only when a blank follows; `# HELPFUL` is a comment.
        guard (isHelp || isType) && i + 4 < end && ByteClass.isBlank(bytes[i + 4]) else {
            return .comment(String(decoding: bytes[i..<end], as: UTF8.self))
        }
        let keyword = isHelp ? "HELP" : "TYPE"
        i += 4
        while i < end && ByteClass.isBlank(bytes[i]) { i += 1 }
        guard i < end && ByteClass.isMetricNameStart(bytes[i]) else {
            throw cursor.expected("metric name after \(keyword)", at: i)
        }
        let nameEnd = ByteClass.metricNameEnd(bytes, from: i, to: end)
        let name = assembler.symbols.string(bytes, i, nameEnd)
        // The text starts after exactly one blank; `# HELP name` alone has empty help.
        var textStart = nameEnd
        if nameEnd < end {
            guard ByteClass.isBlank(bytes[nameEnd]) else {
                throw cursor.expected("text after metric name in \(keyword)", at: nameEnd)
            }
            textStart = nameEnd + 1
        }
        if isType {
            guard let type = MetricType.match(bytes, textStart..<end, in: MetricType.textFormatTypes) else {
                throw cursor.error(at: textStart, "invalid metric type \(cursor.quoted(textStart, end))")
            }
            return .type(metric: name, type)
        }
        guard UTF8Validation.isValid(bytes, textStart, end) else {
            throw cursor.error(at: textStart, "help text is not valid UTF-8")
        }
        return .help(metric: name, text: HelpEscaping.unescape(bytes, textStart, end, quotes: false))
    }

    // MARK: - Samples

    private mutating func parseSample(from start: Int) throws(ExpositionError) -> ExpositionEntry {
        let bytes = cursor.bytes
        let end = cursor.lineEnd
        guard ByteClass.isMetricNameStart(bytes[start]) else {
            throw cursor.expected("metric name", at: start)
        }
        let nameEnd = ByteClass.metricNameEnd(bytes, from: start, to: end)
        var i = skipBlanks(from: nameEnd)
        if i < end && bytes[i] == UInt8(ascii: "{") {
            i = skipBlanks(from: try parseLabels(from: i + 1))
        }
        let labels = try assembler.assemble(metricName: start..<nameEnd, cursor: cursor)

        let valueStart = i
        while i < end && !ByteClass.isBlank(bytes[i]) && bytes[i] != UInt8(ascii: "{") { i += 1 }
        guard i > valueStart else { throw cursor.expected("value after metric", at: valueStart) }
        let value = try parseValue(valueStart, i)
        i = skipBlanks(from: i)
        guard i < end else { return .sample(ExpositionSample(labels: labels, value: value)) }

        let timestampStart = i
        while i < end && !ByteClass.isBlank(bytes[i]) { i += 1 }
        let timestamp: Int64
        do {
            timestamp = try NumberParsing.parseInt64(bytes, timestampStart, i, allowSign: true)
        } catch .outOfRange {
            throw cursor.error(at: timestampStart, "timestamp \(cursor.quoted(timestampStart, i)) out of range")
        } catch {
            let found = cursor.quoted(timestampStart, i)
            throw cursor.error(at: timestampStart, "expected timestamp or new record, got \(found)")
        }
        i = skipBlanks(from: i)
        guard i == end else { throw cursor.expected("next entry after timestamp", at: i) }
        return .sample(ExpositionSample(labels: labels, value: value, timestamp: timestamp))
    }

    /// Parses `name="value", ...}` after the `{`; returns the index after the `}`.
    /// Blanks may surround tokens, commas are optional between pairs and after the last
    /// one, as in Prometheus's lexer.
    private mutating func parseLabels(from start: Int) throws(ExpositionError) -> Int {
        let bytes = cursor.bytes
        let end = cursor.lineEnd
        var i = start
        while true {
            i = skipBlanks(from: i)
            if i < end && bytes[i] == UInt8(ascii: "}") { return i + 1 }
            guard i < end && ByteClass.isLabelNameStart(bytes[i]) else {
                throw cursor.expected("label name", at: i)
            }
            let nameStart = i
            let nameEnd = ByteClass.labelNameEnd(bytes, from: i, to: end)
            i = skipBlanks(from: nameEnd)
            guard i < end && bytes[i] == UInt8(ascii: "=") else { throw cursor.expected("equal", at: i) }
            i = skipBlanks(from: i + 1)
            let (valueStart, valueEnd, escaped) = try cursor.quotedLabelValue(at: i, end: end)
            i = valueEnd
            assembler.spans.append(
                LabelSpan(
                    nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: valueEnd, escaped: escaped))
            i = skipBlanks(from: i + 1)
            if i < end && bytes[i] == UInt8(ascii: ",") { i += 1 }
        }
    }

    private func parseValue(_ start: Int, _ end: Int) throws(ExpositionError) -> Double {
        do {
            return try NumberParsing.parseDouble(cursor.bytes, start, end)
        } catch .outOfRange {
            throw cursor.error(at: start, "value \(cursor.quoted(start, end)) out of range")
        } catch {
            throw cursor.error(at: start, "expected a number as value, got \(cursor.quoted(start, end))")
        }
    }

    private func skipBlanks(from start: Int) -> Int {
        var i = start
        while i < cursor.lineEnd && ByteClass.isBlank(cursor.bytes[i]) { i += 1 }
        return i
    }
}

/// Unescaping of `# HELP` texts.
enum HelpEscaping {
    /// Replaces `\\` and `\n` (and `\"` when `quotes`, as OpenMetrics allows); any other
    /// backslash is kept as written.
    static func unescape(_ bytes: [UInt8], _ start: Int, _ end: Int, quotes: Bool) -> String {
        var hasBackslash = false
        for i in start..<end where bytes[i] == UInt8(ascii: "\\") {
            hasBackslash = true
            break
        }
        guard hasBackslash else { return String(decoding: bytes[start..<end], as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(end - start)
        var i = start
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\") && i + 1 < end {
                let next = bytes[i + 1]
                if next == UInt8(ascii: "\\") || (quotes && next == UInt8(ascii: "\"")) {
                    result.append(next)
                    i += 2
                    continue
                }
                if next == UInt8(ascii: "n") {
                    result.append(0x0A)
                    i += 2
                    continue
                }
            }
            result.append(byte)
            i += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
