/// A pull parser over one exposition: each call to ``next()`` returns the next entry.
///
/// ```swift
/// var parser = ExpositionFormat(contentType: response.contentType).parser(bytes: body)
/// while let entry = try parser.next() {
///     if case .sample(let sample) = entry { append(sample) }
/// }
/// ```
///
/// A thrown ``ExpositionError`` fails the whole exposition (Prometheus discards the scrape);
/// once a parser has thrown it throws the same error again. Entries returned before the
/// error are not retracted, so callers that need all-or-nothing must buffer.
public protocol ExpositionParser {
    /// The next entry, or nil at the end of a valid exposition.
    mutating func next() throws(ExpositionError) -> ExpositionEntry?

    /// The interning table, to hand to the parser of the next scrape of the same target.
    var symbols: SymbolTable { get }
}

/// The two text exposition formats, and content negotiation between them.
///
/// Bodies must already be decompressed: `Content-Encoding: gzip` is the HTTP layer's job.
public enum ExpositionFormat: Sendable, Hashable {
    /// The Prometheus text format 0.0.4 (`text/plain; version=0.0.4`).
    case text
    /// OpenMetrics 1.0 text (`application/openmetrics-text`).
    case openMetrics

    /// The `Accept` header Prometheus 2.42 sends when scraping: OpenMetrics preferred, the
    /// text format next, anything else last.
    public static let scrapeAcceptHeader =
        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
        + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

    /// The format for a response `Content-Type`, chosen as Prometheus does: OpenMetrics for
    /// the media type `application/openmetrics-text` (any parameters, any case), the text
    /// format for everything else, including a missing or malformed header.
    public init(contentType: String?) {
        guard let contentType else {
            self = .text
            return
        }
        let mediaType = contentType.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            .first.map { $0.trimmingBlanks().lowercased() } ?? ""
        self = mediaType == "application/openmetrics-text" ? .openMetrics : .text
    }

    /// The `Content-Type` a writer of this format sends.
    public var contentType: String {
        switch self {
        case .text: "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }

    /// A parser of this format over `bytes`.
    public func parser(
        bytes: [UInt8], symbols: SymbolTable = SymbolTable(),
        openMetricsOptions: OpenMetricsParser.Options = .init()
    ) -> AnyExpositionParser {
        switch self {
        case .text: AnyExpositionParser(TextParser(bytes: bytes, symbols: symbols))
        case .openMetrics: AnyExpositionParser(OpenMetricsParser(bytes: bytes, symbols: symbols, options: openMetricsOptions))
        }
    }

    /// The parser for a response: `parser(for: contentType)` picks OpenMetrics for
    /// `application/openmetrics-text` and the text format otherwise.
    public static func parser(
        for contentType: String?, bytes: [UInt8], symbols: SymbolTable = SymbolTable(),
        openMetricsOptions: OpenMetricsParser.Options = .init()
    ) -> AnyExpositionParser {
        ExpositionFormat(contentType: contentType)
            .parser(bytes: bytes, symbols: symbols, openMetricsOptions: openMetricsOptions)
    }
}

/// Either parser, chosen at run time without an existential.
public struct AnyExpositionParser: ExpositionParser {
    // Exactly one is non-nil. Optional chaining mutates the parser in place; switching over
    // an enum would copy it out and make every buffer it owns copy on write.
    private var textParser: TextParser?
    private var openMetricsParser: OpenMetricsParser?

    /// Wraps a text format parser.
    public init(_ parser: TextParser) {
        textParser = parser
    }

    /// Wraps an OpenMetrics parser.
    public init(_ parser: OpenMetricsParser) {
        openMetricsParser = parser
    }

    /// The format being parsed.
    public var format: ExpositionFormat { textParser != nil ? .text : .openMetrics }

    public mutating func next() throws(ExpositionError) -> ExpositionEntry? {
        if textParser != nil {
            return try textParser?.next() ?? nil
        }
        return try openMetricsParser?.next() ?? nil
    }

    public var symbols: SymbolTable {
        textParser?.symbols ?? openMetricsParser?.symbols ?? SymbolTable()
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = text.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return text[first...last]
    }
}
