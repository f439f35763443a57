/// Walks an exposition line by line and turns byte offsets into positioned errors.
///
/// Both formats are line oriented (LF only), so parsers take one line at a time and scan
/// it with plain indices into `bytes`; nothing is copied and no `String` is built per line.
struct LineCursor {
    let bytes: [UInt8]
    /// Where the next line starts.
    private(set) var nextLineStart = 0
    /// The 1-based number of the current line (0 before the first).
    private(set) var lineNumber = 0
    /// The current line is `bytes[lineStart..<lineEnd]`, without its LF.
    private(set) var lineStart = 0
    private(set) var lineEnd = 0
    /// Whether the current line ended with an LF (false only for a last, unterminated line).
    private(set) var lineTerminated = false

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// True when every byte has been consumed.
    var atEndOfInput: Bool { nextLineStart >= bytes.count }

    /// Moves to the next line; false at the end of input.
    mutating func advance() -> Bool {
        guard nextLineStart < bytes.count else { return false }
        lineStart = nextLineStart
        lineNumber += 1
        let count = bytes.count
        let i = bytes.withUnsafeBufferPointer { buffer in
            var i = lineStart
            while i < count && buffer[i] != 0x0A { i += 1 }
            return i
        }
        lineEnd = i
        lineTerminated = i < count
        nextLineStart = lineTerminated ? i + 1 : i
        return true
    }

    /// An error at byte `index` of the current line.
    func error(at index: Int, _ message: String) -> ExpositionError {
        ExpositionError(line: max(lineNumber, 1), column: max(index - lineStart, 0) + 1, message: message)
    }

    /// An error at `index` saying what was expected and what is there instead:
    /// `expected label value, got "1}"`.
    /// Scans a double-quoted label value whose opening quote should be at `index`.
    /// Returns the value's bounds (quotes excluded; `valueEnd` is the closing quote) and
    /// whether it contains escapes, so callers unescape only when needed.
    func quotedLabelValue(at index: Int, end: Int) throws(ExpositionError) -> (valueStart: Int, valueEnd: Int, escaped: Bool) {
        guard index < end && bytes[index] == UInt8(ascii: "\"") else { throw expected("label value", at: index) }
        let valueStart = index + 1
        var i = valueStart
        var escaped = false
        while i < end && bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") {
                escaped = true
                i += 1
            }
            i += 1
        }
        guard i < end else { throw error(at: valueStart - 1, "unterminated label value") }
        return (valueStart, i, escaped)
    }

    func expected(_ what: String, at index: Int) -> ExpositionError {
        error(at: index, "expected \(what), got \(found(at: index))")
    }

    /// A short quotation of the input at `index` for error messages.
    func found(at index: Int) -> String {
        guard index < lineEnd else { return "end of line" }
        var end = index + 1
        while end < lineEnd && end - index < 24 && bytes[end] != UInt8(ascii: " ") && bytes[end] != UInt8(ascii: "\t") {
            end += 1
        }
        return quoted(index, end)
    }

    /// `bytes[start..<end]` quoted, with control and invalid bytes shown as escapes.
    func quoted(_ start: Int, _ end: Int) -> String {
        var text = "\""
        for scalar in String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\t": text += "\\t"
            case "\0"..."\u{1F}", "\u{7F}": text += "\\u{\(String(scalar.value, radix: 16))}"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text + "\""
    }
}

/// Byte classes of the exposition grammars.
enum ByteClass {
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        let lower = b | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    /// `[a-zA-Z_:]`
    @inline(__always) static func isMetricNameStart(_ b: UInt8) -> Bool {
        isLetter(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
    }

    /// `[a-zA-Z0-9_:]`
    @inline(__always) static func isMetricNameContinuation(_ b: UInt8) -> Bool {
        isMetricNameStart(b) || isDigit(b)
    }

    /// `[a-zA-Z_]`
    @inline(__always) static func isLabelNameStart(_ b: UInt8) -> Bool {
        isLetter(b) || b == UInt8(ascii: "_")
    }

    /// `[a-zA-Z0-9_]`
    @inline(__always) static func isLabelNameContinuation(_ b: UInt8) -> Bool {
        isLabelNameStart(b) || isDigit(b)
    }

    /// Space or tab: the blanks of the text format.
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t")
    }

    /// The end of a metric name starting at `start` (which the caller checked is a valid
    /// first byte), scanning no further than `end`.
    static func metricNameEnd(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var i = start + 1
        while i < end && isMetricNameContinuation(bytes[i]) { i += 1 }
        return i
    }

    /// The end of a label name starting at `start` (a valid first byte), up to `end`.
    static func labelNameEnd(_ bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var i = start + 1
        while i < end && isLabelNameContinuation(bytes[i]) { i += 1 }
        return i
    }

    /// True when `bytes[start..<end]` spells `word` exactly.
    static func matches(_ bytes: [UInt8], _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { expected in
            for offset in 0..<expected.count where bytes[start + offset] != expected[offset] {
                return false
            }
            return true
        }
    }

    /// True when `bytes[start...]` begins with `word` (and has room for it before `end`).
    static func hasPrefix(_ bytes: [UInt8], _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        end - start >= word.utf8CodeUnitCount && matches(bytes, start, start + word.utf8CodeUnitCount, word)
    }
}
