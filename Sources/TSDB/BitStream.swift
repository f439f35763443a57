/// Appends bits most-significant first into a byte array (the Gorilla chunk payload).
struct BitWriter: Sendable {
    private(set) var bytes: [UInt8] = []
    /// Bits still free in the last byte (0...7); 0 means the next bit starts a new byte.
    private(set) var freeBits = 0

    init() {}

    init(bytes: [UInt8], bitCount: Int) {
        self.bytes = bytes
        let used = bitCount - (bytes.count - 1) * 8
        self.freeBits = bytes.isEmpty ? 0 : 8 - used
    }

    var bitCount: Int { bytes.count * 8 - freeBits }

    mutating func writeBit(_ bit: Bool) {
        if freeBits == 0 {
            bytes.append(0)
            freeBits = 8
        }
        freeBits -= 1
        if bit { bytes[bytes.count - 1] |= 1 << UInt8(freeBits) }
    }

    /// Writes the low `count` bits of `value`, high bit first.
    mutating func writeBits(_ value: UInt64, count: Int) {
        var remaining = count
        while remaining > 0 {
            if freeBits == 0 {
                bytes.append(0)
                freeBits = 8
            }
            let take = min(freeBits, remaining)
            let shift = remaining - take
            let chunk = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & ((1 << UInt64(take)) - 1))
            freeBits -= take
            bytes[bytes.count - 1] |= chunk << UInt8(freeBits)
            remaining -= take
        }
    }

    /// Drops spare capacity once the chunk is full; saves memory for closed chunks.
    mutating func shrink() {
        guard bytes.capacity > bytes.count else { return }
        // `Array(bytes)` would share the same (oversized) buffer; copy into an exact one.
        bytes = bytes.withUnsafeBufferPointer { [UInt8]($0) }
    }
}

/// Reads bits back in the order `BitWriter` wrote them. Reading past the end yields nil,
/// so a damaged payload ends iteration instead of crashing.
struct BitReader {
    private let bytes: [UInt8]
    private let bitCount: Int
    private var position = 0

    init(bytes: [UInt8], bitCount: Int) {
        self.bytes = bytes
        self.bitCount = min(bitCount, bytes.count * 8)
    }

    mutating func readBit() -> Bool? {
        guard position < bitCount else { return nil }
        let byte = bytes[position >> 3]
        let bit = (byte >> UInt8(7 - (position & 7))) & 1
        position += 1
        return bit == 1
    }

    mutating func readBits(_ count: Int) -> UInt64? {
        guard count >= 0, count <= 64, position + count <= bitCount else { return nil }
        var value: UInt64 = 0
        var remaining = count
        while remaining > 0 {
            let offset = position & 7
            let available = 8 - offset
            let take = min(available, remaining)
            let byte = UInt64(bytes[position >> 3])
            let chunk = (byte >> UInt64(available - take)) & ((1 << UInt64(take)) - 1)
            value = (value << UInt64(take)) | chunk
            position += take
            remaining -= take
        }
        return value
    }
}
