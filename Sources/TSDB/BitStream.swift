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

    @inline(__always)
    mutating func readBit() -> Bool? {
        guard position < bitCount else { return nil }
        let byte = bytes[position >> 3]
        let bit = (byte >> UInt8(7 - (position & 7))) & 1
        position += 1
        return bit == 1
    }

    @inline(__always)
    mutating func readBits(_ count: Int) -> UInt64? {
        guard count >= 0, count <= 64, position + count <= bitCount else { return nil }
        if count == 0 { return 0 }
        if count > 56 {
            // One 64-bit window holds at most 57 bits past an unaligned start: split.
            guard let high = readBits(count - 32), let low = readBits(32) else { return nil }
            return (high << 32) | low
        }
        let window = loadWindow(byteIndex: position >> 3) << UInt64(position & 7)
        position += count
        return window >> UInt64(64 - count)
    }

    /// Eight bytes from `byteIndex`, big-endian, zero-padded past the end.
    @inline(__always)
    private func loadWindow(byteIndex: Int) -> UInt64 {
        if byteIndex + 8 <= bytes.count {
            return bytes.withUnsafeBytes { raw in
                UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self))
            }
        }
        var window: UInt64 = 0
        for offset in 0..<8 {
            window <<= 8
            if byteIndex + offset < bytes.count { window |= UInt64(bytes[byteIndex + offset]) }
        }
        return window
    }
}
