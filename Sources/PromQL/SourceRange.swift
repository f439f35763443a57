/// A half-open range of UTF-8 byte offsets into the query text, like Prometheus's
/// `PositionRange`. Byte offsets (not characters) keep columns identical to Prometheus's.
public struct SourceRange: Sendable, Hashable {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The smallest range covering both.
    public func merged(with other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// A placeholder used when positions are deliberately ignored (structural comparison).
    public static let none = SourceRange(start: 0, end: 0)
}

/// A 1-based line and column; the column counts bytes from the start of the line, as
/// Prometheus's `ParseErr` does.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// Locates `offset` in `text`; offsets past the end are clamped to the end.
    public init(offset: Int, in text: String) {
        var line = 1
        var lastLineBreak = -1
        var index = 0
        for byte in text.utf8 {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                lastLineBreak = index
            }
            index += 1
        }
        self.init(line: line, column: min(offset, index) - lastLineBreak)
    }

    public var description: String { "\(line):\(column)" }
}
