/// Appends little-endian fixed-width integers, varints and strings (snapshot encoding).
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func fixed32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func fixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func uvarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func varint(_ value: Int64) {
        uvarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func string(_ value: String) {
        uvarint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }
}

/// Reads what ``ByteWriter`` wrote, with bounds checks that throw instead of trapping.
struct ByteReader: ~Copyable {
    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    var isAtEnd: Bool { position == bytes.endIndex }
    private var offset: Int { position - bytes.startIndex }

    func error(_ reason: String) -> SnapshotError { .malformed(offset: offset, reason: reason) }

    mutating func take(_ count: Int) throws(SnapshotError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.endIndex - position >= count else { throw error("unexpected end of data") }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func fixed32() throws(SnapshotError) -> UInt32 {
        try take(4).reversed().reduce(0) { ($0 << 8) | UInt32($1) }
    }

    mutating func fixed64() throws(SnapshotError) -> UInt64 {
        try take(8).reversed().reduce(0) { ($0 << 8) | UInt64($1) }
    }

    mutating func uvarint() throws(SnapshotError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw error("unexpected end of data in varint") }
            let byte = bytes[position]
            position += 1
            guard shift < 64, shift < 63 || byte <= 1 else { throw error("varint overflows 64 bits") }
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func varint() throws(SnapshotError) -> Int64 {
        let raw = try uvarint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    /// A count of items that each need at least `minimumBytesEach` bytes; rejects counts
    /// the remaining data cannot hold, so a damaged count cannot trigger a huge allocation.
    mutating func count(minimumBytesEach: Int) throws(SnapshotError) -> Int {
        let raw = try uvarint()
        let remaining = UInt64(bytes.endIndex - position)
        guard raw <= UInt64(Int32.max), raw * UInt64(minimumBytesEach) <= remaining else {
            throw error("count \(raw) exceeds the remaining data")
        }
        return Int(raw)
    }

    mutating func string() throws(SnapshotError) -> String {
        let length = try count(minimumBytesEach: 1)
        let raw = try take(length)
        guard let value = String(validating: raw, as: UTF8.self) else { throw error("label is not valid UTF-8") }
        return value
    }
}
