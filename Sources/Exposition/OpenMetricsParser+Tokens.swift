/// The token-level scanners of ``OpenMetricsParser``: labels, numbers, timestamps and
/// exemplars, each reading from an index in the current line and returning where it stopped.
extension OpenMetricsParser {
    /// Parses `# {labels} value [timestamp]` up to the end of the line.
    mutating func parseExemplar(from start: Int) throws(ExpositionError) -> Exemplar {
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
                at: start,
                "exemplar labels have \(characters) characters, more than \(Self.maximumExemplarLabelCharacters)")
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
    mutating func parseLabels(from start: Int) throws(ExpositionError) -> Int {
        let bytes = cursor.bytes
        let end = cursor.lineEnd
        var i = start
        if i < end && bytes[i] == UInt8(ascii: "}") { return i + 1 }
        while true {
            guard i < end && ByteClass.isLabelNameStart(bytes[i]) else { throw cursor.expected("label name", at: i) }
            let nameStart = i
            let nameEnd = ByteClass.labelNameEnd(bytes, from: i, to: end)
            i = nameEnd
            guard i < end && bytes[i] == UInt8(ascii: "=") else {
                throw cursor.expected("\"=\" after label name", at: i)
            }
            i += 1
            let (valueStart, valueEnd, escaped) = try cursor.quotedLabelValue(at: i, end: end)
            i = valueEnd
            assembler.spans.append(
                LabelSpan(
                    nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: valueEnd, escaped: escaped))
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
    func parseNumber(from start: Int, what: String) throws(ExpositionError) -> (Double, Int) {
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

    func parseTimestamp(_ start: Int, _ end: Int) throws(ExpositionError) -> (milliseconds: Int64, seconds: Double) {
        do {
            return try NumberParsing.parseSecondsTimestamp(cursor.bytes, start, end)
        } catch {
            throw cursor.error(at: start, "invalid timestamp \(cursor.quoted(start, end))")
        }
    }
}
