/// A pull parser for OpenMetrics 1.0 text.
///
/// The grammar is strict, as the standard demands: single spaces between tokens, no blank
/// lines, no comments other than `# HELP`/`# TYPE`/`# UNIT`, and a final `# EOF` with
/// nothing after it (one trailing newline allowed). Timestamps are seconds (converted to
/// milliseconds); exemplars follow ` # {labels} value [timestamp]` and their labels may
/// hold at most 128 characters.
///
/// With ``Options/validatesFamilies`` (the default) it also enforces the rules that span
/// lines, as the OpenMetrics reference parser does: metadata before samples and at most
/// once, no clashing family names, sample names and labels fitting the declared type
/// (`_total`, `_bucket` with a canonical `le`, `quantile` in [0, 1], stateset and info
/// values), counter-like values neither negative nor NaN, consistent histogram buckets,
/// `_count` and `_sum`, contiguous groups and timestamps that do not go backwards.
/// Prometheus itself checks only the grammar; turn validation off to match it.
public struct OpenMetricsParser: ExpositionParser {
    /// What the parser keeps and checks.
    public struct Options: Sendable, Hashable {
        /// Keep exemplars on samples (true) or parse and check them, then drop them.
        public var keepsExemplars: Bool
        /// Enforce the OpenMetrics rules that span lines (see ``OpenMetricsParser``).
        public var validatesFamilies: Bool

        /// What Prometheus 2.42 checks: the grammar only, exemplars kept. Use this for
        /// scraping, where real clients (e.g. client_golang's negative-bucket histograms
        /// with a negative `_sum`) break rules that strict validation enforces.
        public static let prometheusCompatible = Options(keepsExemplars: true, validatesFamilies: false)

        /// Creates options; the defaults keep exemplars and validate families.
        public init(keepsExemplars: Bool = true, validatesFamilies: Bool = true) {
            self.keepsExemplars = keepsExemplars
            self.validatesFamilies = validatesFamilies
        }
    }

    /// The OpenMetrics limit on the characters of an exemplar's label names and values.
    public static let maximumExemplarLabelCharacters = 128

    private var cursor: LineCursor
    private var assembler: LabelAssembler
    private var validator: OpenMetricsValidator?
    private let options: Options
    private var failure: ExpositionError?
    private var finished = false

    /// A parser over UTF-8 `bytes`, interning strings in `symbols`.
    public init(bytes: [UInt8], symbols: SymbolTable = SymbolTable(), options: Options = Options()) {
        cursor = LineCursor(bytes: bytes)
        assembler = LabelAssembler(symbols: symbols)
        validator = options.validatesFamilies ? OpenMetricsValidator() : nil
        self.options = options
    }

    /// A parser over `text`.
    public init(_ text: String, symbols: SymbolTable = SymbolTable(), options: Options = Options()) {
        self.init(bytes: Array(text.utf8), symbols: symbols, options: options)
    }

    public var symbols: SymbolTable { assembler.symbols }

    public mutating func next() throws(ExpositionError) -> ExpositionEntry? {
        if let failure { throw failure }
        if finished { return nil }
        do {
            return try parseNextLine()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func parseNextLine() throws(ExpositionError) -> ExpositionEntry? {
        guard cursor.advance() else {
            throw ExpositionError(line: cursor.lineNumber + 1, column: 1, message: "expected \"# EOF\" at the end of the input")
        }
        let bytes = cursor.bytes
        let start = cursor.lineStart
        let end = cursor.lineEnd
        guard start < end else { throw cursor.error(at: start, "unexpected blank line") }
        guard bytes[start] == UInt8(ascii: "#") else { return try parseSample() }
        guard ByteClass.matches(bytes, start, end, "# EOF") else { return try parseMetadata() }
        guard cursor.atEndOfInput else {
            throw ExpositionError(line: cursor.lineNumber + 1, column: 1, message: "unexpected content after \"# EOF\"")
        }
        try validate { (validator: inout OpenMetricsValidator) throws(OpenMetricsValidator.Failure) in
            try validator.finish()
        }
        finished = true
        return nil
    }

    // MARK: - Metadata

    private mutating func parseMetadata() throws(ExpositionError) -> ExpositionEntry {
        let bytes = cursor.bytes
        let end = cursor.lineEnd
        var i = cursor.lineStart + 1
        guard i < end && bytes[i] == UInt8(ascii: " ") else { throw cursor.expected("a space after \"#\"", at: i) }
        i += 1
        let keyword: OpenMetricsValidator.MetadataKind
        if ByteClass.hasPrefix(bytes, i, end, "HELP") {
            keyword = .help
        } else if ByteClass.hasPrefix(bytes, i, end, "TYPE") {
            keyword = .type
        } else if ByteClass.hasPrefix(bytes, i, end, "UNIT") {
            keyword = .unit
        } else {
            throw cursor.expected("HELP, TYPE, UNIT or EOF after \"# \"", at: i)
        }
        i += 4
        guard i < end && bytes[i] == UInt8(ascii: " ") else {
            throw cursor.expected("a space after \(cursor.quoted(i - 4, i).dropFirst().dropLast())", at: i)
        }
        i += 1
        guard i < end && ByteClass.isMetricNameStart(bytes[i]) else { throw cursor.expected("metric name", at: i) }
        let nameEnd = ByteClass.metricNameEnd(bytes, from: i, to: end)
        guard nameEnd < end && bytes[nameEnd] == UInt8(ascii: " ") else {
            throw cursor.expected("a space after the metric name", at: nameEnd)
        }
        let name = assembler.symbols.string(bytes, i, nameEnd)
        let textStart = nameEnd + 1
        guard UTF8Validation.isValid(bytes, textStart, end) else {
            throw cursor.error(at: textStart, "metadata text is not valid UTF-8")
        }
        let entry: ExpositionEntry
        switch keyword {
        case .help:
            entry = .help(metric: name, text: HelpEscaping.unescape(bytes, textStart, end, quotes: true))
        case .type:
            guard let type = MetricType.match(bytes, textStart..<end, in: MetricType.openMetricsTypes) else {
                throw cursor.error(at: textStart, "invalid metric type \(cursor.quoted(textStart, end))")
            }
            entry = .type(metric: name, type)
        case .unit:
            entry = .unit(metric: name, unit: String(decoding: bytes[textStart..<end], as: UTF8.self))
        }
        try validate { (validator: inout OpenMetricsValidator) throws(OpenMetricsValidator.Failure) in
            try validator.metadata(entry)
        }
        return entry
    }

    // MARK: - Samples

    private mutating func parseSample() throws(ExpositionError) -> ExpositionEntry {
        let bytes = cursor.bytes
        let start = cursor.lineStart
        let end = cursor.lineEnd
        guard ByteClass.isMetricNameStart(bytes[start]) else { throw cursor.expected("metric name", at: start) }
        let nameEnd = ByteClass.metricNameEnd(bytes, from: start, to: end)
        var i = nameEnd
        if i < end && bytes[i] == UInt8(ascii: "{") {
            i = try parseLabels(from: i + 1)
        }
        let labels = try assembler.assemble(metricName: start..<nameEnd, cursor: cursor)
        guard i < end && bytes[i] == UInt8(ascii: " ") else {
            throw cursor.expected(i == nameEnd ? "value after metric" : "a space after the labels", at: i)
        }
        let (value, afterValue) = try parseNumber(from: i + 1, what: "value")
        i = afterValue
        var timestamp: (milliseconds: Int64, seconds: Double)?
        var exemplar: Exemplar?
        if i < end {
            i += 1  // the space after the value
            guard i < end else { throw cursor.expected("timestamp or exemplar", at: i) }
            if bytes[i] != UInt8(ascii: "#") {
                let timestampStart = i
                while i < end && bytes[i] != UInt8(ascii: " ") { i += 1 }
                timestamp = try parseTimestamp(timestampStart, i)
                if i < end {
                    i += 1  // the space before an exemplar
                    guard i < end else { throw cursor.expected("exemplar", at: i) }
                }
            }
            if i < end {
                exemplar = try parseExemplar(from: i)
            }
        }
        let sample = ExpositionSample(
            labels: labels, value: value, timestamp: timestamp?.milliseconds,
            exemplar: options.keepsExemplars ? exemplar : nil)
        try validate { (validator: inout OpenMetricsValidator) throws(OpenMetricsValidator.Failure) in
            try validator.sample(sample, seconds: timestamp?.seconds, hasExemplar: exemplar != nil)
        }
        return .sample(sample)
    }

    /// Parses `# {labels} value [timestamp]` up to the end of the line.
    private mutating func parseExemplar(from start: Int) throws(ExpositionError) -> Exemplar {
        let bytes = cursor.bytes
        let end = cursor.lineEnd
        guard ByteClass.hasPrefix(bytes, start, end, "# {") else {
            throw cursor.expected("an exemplar starting with \"# {\"", at: start)
        }
        var i = try parseLabels(from: start + 3)
        var characters = 0
        for span in assembler.spans {
            characters += span.nameEnd - span.nameStart + assembler.valueScalarCount(span, bytes: bytes)
        }
        guard characters <= Self.maximumExemplarLabelCharacters else {
            throw cursor.error(
                at: start, "exemplar labels have \(characters) characters, more than \(Self.maximumExemplarLabelCharacters)")
        }
        let labels = try assembler.assemble(metricName: nil, cursor: cursor)
        guard i < end && bytes[i] == UInt8(ascii: " ") else {
            throw cursor.expected("a space after the exemplar labels", at: i)
        }
        let (value, afterValue) = try parseNumber(from: i + 1, what: "exemplar value")
        i = afterValue
        var timestamp: Int64?
        if i < end {
            let timestampStart = i + 1
            i = timestampStart
            while i < end && bytes[i] != UInt8(ascii: " ") { i += 1 }
            guard i > timestampStart else { throw cursor.expected("exemplar timestamp", at: timestampStart) }
            guard i == end else { throw cursor.expected("end of line after the exemplar timestamp", at: i) }
            timestamp = try parseTimestamp(timestampStart, i).milliseconds
        }
        return Exemplar(labels: labels, value: value, timestamp: timestamp)
    }

    /// Parses `name="value",...}` after the `{` with no blanks and no trailing comma;
    /// returns the index after the `}`.
    private mutating func parseLabels(from start: Int) throws(ExpositionError) -> Int {
        let bytes = cursor.bytes
        let end = cursor.lineEnd
        var i = start
        if i < end && bytes[i] == UInt8(ascii: "}") { return i + 1 }
        while true {
            guard i < end && ByteClass.isLabelNameStart(bytes[i]) else { throw cursor.expected("label name", at: i) }
            let nameStart = i
            let nameEnd = ByteClass.labelNameEnd(bytes, from: i, to: end)
            i = nameEnd
            guard i < end && bytes[i] == UInt8(ascii: "=") else { throw cursor.expected("\"=\" after label name", at: i) }
            i += 1
            guard i < end && bytes[i] == UInt8(ascii: "\"") else { throw cursor.expected("label value", at: i) }
            let valueStart = i + 1
            i = valueStart
            var escaped = false
            while i < end && bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") {
                    escaped = true
                    i += 1
                }
                i += 1
            }
            guard i < end else { throw cursor.error(at: valueStart - 1, "unterminated label value") }
            assembler.spans.append(
                LabelSpan(nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: i, escaped: escaped))
            i += 1
            if i < end && bytes[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard i < end && bytes[i] == UInt8(ascii: "}") else { throw cursor.expected("\",\" or \"}\"", at: i) }
            return i + 1
        }
    }

    /// Parses a number ending at the next space or the end of the line.
    private func parseNumber(from start: Int, what: String) throws(ExpositionError) -> (Double, Int) {
        var i = start
        while i < cursor.lineEnd && cursor.bytes[i] != UInt8(ascii: " ") { i += 1 }
        guard i > start else { throw cursor.expected(what, at: start) }
        do {
            return (try NumberParsing.parseDouble(cursor.bytes, start, i), i)
        } catch .outOfRange {
            throw cursor.error(at: start, "\(what) \(cursor.quoted(start, i)) out of range")
        } catch {
            throw cursor.error(at: start, "expected a number as \(what), got \(cursor.quoted(start, i))")
        }
    }

    private func parseTimestamp(_ start: Int, _ end: Int) throws(ExpositionError) -> (milliseconds: Int64, seconds: Double) {
        do {
            return try NumberParsing.parseSecondsTimestamp(cursor.bytes, start, end)
        } catch {
            throw cursor.error(at: start, "invalid timestamp \(cursor.quoted(start, end))")
        }
    }

    /// Runs a validator step; its failures are reported at the start of the current line.
    private mutating func validate(
        _ step: (inout OpenMetricsValidator) throws(OpenMetricsValidator.Failure) -> Void
    ) throws(ExpositionError) {
        guard var current = validator else { return }
        validator = nil  // keep `current` uniquely referenced so its sets mutate in place
        defer { validator = current }
        do {
            try step(&current)
        } catch {
            throw cursor.error(at: cursor.lineStart, error.message)
        }
    }
}
