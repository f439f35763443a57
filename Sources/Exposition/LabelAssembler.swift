/// Where one label sits in the input: `name="value"` as byte offsets.
struct LabelSpan {
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
    /// The value contains a backslash and must be unescaped.
    var escaped: Bool
}

/// Turns label spans found by a parser into a sorted, checked ``Labels`` value.
///
/// It owns the scratch buffers reused from line to line and the ``SymbolTable``.
struct LabelAssembler {
    var symbols: SymbolTable
    /// Spans of the line being parsed; parsers append, `assemble` consumes.
    var spans: [LabelSpan] = []
    private var unescaped: [UInt8] = []
    private var order: [Int] = []
    private static let metricNameBytes = Array(Labels.metricNameLabel.utf8)

    init(symbols: SymbolTable) {
        self.symbols = symbols
        spans.reserveCapacity(16)
        order.reserveCapacity(16)
        unescaped.reserveCapacity(256)
    }

    /// Builds the labels of `spans`, adding `__name__` for `metricName` (a byte range) when
    /// given. Throws on a repeated label name or a value that is not UTF-8.
    mutating func assemble(
        metricName: Range<Int>?, cursor: LineCursor
    ) throws(ExpositionError) -> Labels {
        let bytes = cursor.bytes
        // Sort span indices by name bytes; -1 stands for `__name__`. Insertion sort: label
        // sets are short and usually already sorted, which makes this linear.
        order.removeAll(keepingCapacity: true)
        if metricName != nil { order.append(-1) }
        for index in spans.indices {
            order.append(index)
            var j = order.count - 1
            while j > 0 && nameLess(order[j], order[j - 1], bytes) {
                order.swapAt(j, j - 1)
                j -= 1
            }
        }
        var labels: [Label] = []
        labels.reserveCapacity(order.count)
        for (position, index) in order.enumerated() {
            if position > 0 && !nameLess(order[position - 1], index, bytes) {
                // Equal to the previous name: Prometheus rejects duplicate label names.
                let start = index >= 0 ? spans[index].nameStart : (metricName?.lowerBound ?? cursor.lineStart)
                let end = index >= 0 ? spans[index].nameEnd : start
                throw cursor.error(at: start, "duplicate label name \(cursor.quoted(start, end))")
            }
            if index < 0, let name = metricName {
                labels.append(Label(name: Labels.metricNameLabel, value: symbols.string(bytes, name.lowerBound, name.upperBound)))
            } else {
                labels.append(try label(spans[index], cursor: cursor))
            }
        }
        spans.removeAll(keepingCapacity: true)
        return Labels(sortedUnique: labels)
    }

    /// The unescaped value of a span, as bytes in the scratch buffer; for exemplar length checks.
    mutating func valueScalarCount(_ span: LabelSpan, bytes: [UInt8]) -> Int {
        guard span.escaped else { return UTF8Validation.scalarCount(bytes, span.valueStart, span.valueEnd) }
        unescape(span, bytes: bytes)
        return UTF8Validation.scalarCount(unescaped, 0, unescaped.count)
    }

    private mutating func label(_ span: LabelSpan, cursor: LineCursor) throws(ExpositionError) -> Label {
        let bytes = cursor.bytes
        guard UTF8Validation.isValid(bytes, span.valueStart, span.valueEnd) else {
            throw cursor.error(at: span.valueStart, "invalid UTF-8 label value")
        }
        let name = symbols.string(bytes, span.nameStart, span.nameEnd)
        let value: String
        if span.escaped {
            unescape(span, bytes: bytes)
            value = symbols.string(unescaped, 0, unescaped.count)
        } else {
            value = symbols.string(bytes, span.valueStart, span.valueEnd)
        }
        return Label(name: name, value: value)
    }

    /// Replaces `\\`, `\"` and `\n`; any other escape is kept as written, as Prometheus does.
    private mutating func unescape(_ span: LabelSpan, bytes: [UInt8]) {
        unescaped.removeAll(keepingCapacity: true)
        var i = span.valueStart
        while i < span.valueEnd {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\\") && i + 1 < span.valueEnd {
                let next = bytes[i + 1]
                switch next {
                case UInt8(ascii: "\\"), UInt8(ascii: "\""): unescaped.append(next)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                default: unescaped.append(byte); unescaped.append(next)
                }
                i += 2
            } else {
                unescaped.append(byte)
                i += 1
            }
        }
    }

    /// Whether the name of span `a` sorts before that of span `b` (byte order); -1 is
    /// `__name__`. Reads bytes in place, without copying either array.
    private func nameLess(_ a: Int, _ b: Int, _ bytes: [UInt8]) -> Bool {
        let aLength = a < 0 ? Self.metricNameBytes.count : spans[a].nameEnd - spans[a].nameStart
        let bLength = b < 0 ? Self.metricNameBytes.count : spans[b].nameEnd - spans[b].nameStart
        let aStart = a < 0 ? 0 : spans[a].nameStart
        let bStart = b < 0 ? 0 : spans[b].nameStart
        for k in 0..<min(aLength, bLength) {
            let x = a < 0 ? Self.metricNameBytes[k] : bytes[aStart + k]
            let y = b < 0 ? Self.metricNameBytes[k] : bytes[bStart + k]
            if x != y { return x < y }
        }
        return aLength < bLength
    }
}
