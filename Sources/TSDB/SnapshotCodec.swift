/// The snapshot file format, version 1. All integers little-endian.
///
/// ```text
/// header (28 bytes): magic "VIGILTSD" | version u32 | reserved u32 (0)
///                    | payload length u64 | payload CRC32 u32
/// payload:           minValidTime varint | series count uvarint | series...
/// series:            label count uvarint | (name, value as uvarint length + UTF-8)...
///                    | chunk count uvarint | chunks, oldest first (the last is the head)
/// chunk:             minTime varint | maxTime varint | sample count uvarint
///                    | bit count uvarint | byte count uvarint | bytes
/// ```
/// The payload is decoded completely and checked (CRC, lengths, label order, every chunk
/// decoded) before a store is built from it, so a bad file loads nothing.
enum SnapshotCodec {
    static let magic: [UInt8] = Array("VIGILTSD".utf8)
    static let version: UInt32 = 1
    static let headerSize = 28

    struct DecodedSeries {
        let labels: Labels
        let chunks: [XORChunk]
    }

    struct Decoded {
        let minValidTime: Int64
        let series: [DecodedSeries]
    }

    static func encodeHeader(payload: [UInt8]) -> [UInt8] {
        var header = ByteWriter()
        header.bytes.append(contentsOf: magic)
        header.fixed32(version)
        header.fixed32(0)
        header.fixed64(UInt64(payload.count))
        header.fixed32(CRC32.checksum(payload))
        return header.bytes
    }

    static func encode(labels: Labels, samples series: SeriesSamples, into writer: inout ByteWriter) {
        writer.uvarint(UInt64(labels.count))
        for pair in labels.pairs {
            writer.string(pair.name)
            writer.string(pair.value)
        }
        var chunks = series.closedChunks
        if series.head.count > 0 { chunks.append(series.head) }
        writer.uvarint(UInt64(chunks.count))
        for chunk in chunks {
            writer.varint(chunk.minTime)
            writer.varint(chunk.maxTime)
            writer.uvarint(UInt64(chunk.count))
            writer.uvarint(UInt64(chunk.writer.bitCount))
            writer.uvarint(UInt64(chunk.writer.bytes.count))
            writer.bytes.append(contentsOf: chunk.writer.bytes)
        }
    }

    static func decode(file: [UInt8]) throws(SnapshotError) -> Decoded {
        guard file.count >= headerSize else {
            if file.count >= magic.count, Array(file[0..<magic.count]) != magic { throw .badMagic }
            throw .truncated(expectedBytes: headerSize, actualBytes: file.count)
        }
        var header = ByteReader(file[0..<headerSize])
        guard try header.take(magic.count).elementsEqual(magic) else { throw .badMagic }
        let version = try header.fixed32()
        guard version == SnapshotCodec.version else { throw .unsupportedVersion(version) }
        guard try header.fixed32() == 0 else { throw .malformed(offset: 0, reason: "header reserved field is not zero") }
        let length = try header.fixed64()
        let expectedCRC = try header.fixed32()
        let actualSize = file.count - headerSize
        guard length == UInt64(actualSize) else {
            let expected = length > UInt64(Int.max - headerSize) ? Int.max : headerSize + Int(length)
            throw .truncated(expectedBytes: expected, actualBytes: file.count)
        }
        let payload = file[headerSize...]
        let actualCRC = CRC32.checksum(payload)
        guard actualCRC == expectedCRC else { throw .checksumMismatch(expected: expectedCRC, actual: actualCRC) }
        return try decodePayload(ByteReader(payload))
    }

    private static func decodePayload(_ reader: consuming ByteReader) throws(SnapshotError) -> Decoded {
        let minValidTime = try reader.varint()
        let seriesCount = try reader.count(minimumBytesEach: 2)
        var series: [DecodedSeries] = []
        series.reserveCapacity(seriesCount)
        for _ in 0..<seriesCount {
            series.append(try decodeSeries(&reader))
        }
        guard reader.isAtEnd else { throw reader.error("trailing bytes after the last series") }
        return Decoded(minValidTime: minValidTime, series: series)
    }

    private static func decodeSeries(_ reader: inout ByteReader) throws(SnapshotError) -> DecodedSeries {
        let labelCount = try reader.count(minimumBytesEach: 2)
        guard labelCount > 0 else { throw reader.error("series without labels") }
        var pairs: [Label] = []
        pairs.reserveCapacity(labelCount)
        for _ in 0..<labelCount {
            let label = Label(name: try reader.string(), value: try reader.string())
            guard !label.value.isEmpty else { throw reader.error("empty label value") }
            if let last = pairs.last, last.name >= label.name { throw reader.error("labels not sorted") }
            pairs.append(label)
        }
        let chunkCount = try reader.count(minimumBytesEach: 5)
        var chunks: [XORChunk] = []
        chunks.reserveCapacity(chunkCount)
        var previousMax = Int64.min
        for position in 0..<chunkCount {
            let minTime = try reader.varint()
            let maxTime = try reader.varint()
            let sampleCount = try reader.count(minimumBytesEach: 0)
            let bitCount = try reader.count(minimumBytesEach: 0)
            let byteCount = try reader.count(minimumBytesEach: 1)
            guard byteCount == (bitCount + 7) / 8 else { throw reader.error("chunk bit and byte counts disagree") }
            let bytes = Array(try reader.take(byteCount))
            let isHead = position == chunkCount - 1
            guard let chunk = XORChunk(decoding: bytes, bitCount: bitCount, count: sampleCount,
                                       minTime: minTime, maxTime: maxTime, asHead: isHead),
                  chunk.minTime > previousMax || position == 0 else {
                throw reader.error("chunk \(position) does not decode to its recorded samples")
            }
            previousMax = chunk.maxTime
            chunks.append(chunk)
        }
        return DecodedSeries(labels: Labels(validatedPairs: pairs), chunks: chunks)
    }
}
