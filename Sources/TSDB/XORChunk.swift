/// A Gorilla-compressed run of samples (delta-of-delta timestamps, XOR'd float bits),
/// append-only and in strictly increasing time order.
///
/// Layout, in bits: first timestamp (64) and value (64); the second timestamp as a delta
/// and its value XOR'd; later timestamps as a delta of deltas in one of five
/// widths selected by a prefix `0`, `10`, `110`, `1110`, `1111`, and later values as the
/// XOR with the previous value: `0` when equal, `10` reusing the previous leading/trailing
/// zero window, or `11` + 5 bits leading zeros + 6 bits significant length + the bits.
/// Values are kept as bit patterns, so every NaN payload (the stale marker) survives.
struct XORChunk: Sendable {
    /// Samples a chunk holds before the series cuts a new one (as Prometheus).
    static let targetSampleCount = 120

    private(set) var writer = BitWriter()
    private(set) var count = 0
    private(set) var minTime: Int64 = 0
    private(set) var maxTime: Int64 = 0
    private var lastDelta: Int64 = 0
    private var lastBits: UInt64 = 0
    private var leading: UInt8 = 0xff
    private var trailing: UInt8 = 0

    init() {}

    /// Rebuilds a chunk from snapshot data after decoding and checking every sample:
    /// the count, strictly increasing times, and the recorded first and last times.
    /// A head chunk is re-encoded sample by sample so it can take further appends.
    init?(decoding bytes: [UInt8], bitCount: Int, count: Int, minTime: Int64, maxTime: Int64, asHead: Bool) {
        guard count > 0, count <= XORChunk.targetSampleCount, bitCount <= bytes.count * 8 else { return nil }
        var iterator = XORChunkIterator(bytes: bytes, bitCount: bitCount, count: count)
        var points: [Point] = []
        points.reserveCapacity(count)
        while let point = iterator.next() {
            if let last = points.last, point.t <= last.t { return nil }
            points.append(point)
        }
        guard points.count == count, points.first?.t == minTime, points.last?.t == maxTime else { return nil }
        self.init()
        if asHead {
            for point in points { append(t: point.t, v: point.v) }
            guard writer.bytes == bytes, writer.bitCount == bitCount else { return nil }
        } else {
            writer = BitWriter(bytes: bytes, bitCount: bitCount)
            self.count = count
            self.minTime = minTime
            self.maxTime = maxTime
            lastBits = points[count - 1].v.bitPattern
        }
    }

    var isFull: Bool { count >= XORChunk.targetSampleCount }
    var byteCount: Int { writer.bytes.count }
    var lastValue: Double { Double(bitPattern: lastBits) }

    /// Appends a sample; the caller guarantees `t > maxTime` for a non-empty chunk.
    mutating func append(t: Int64, v: Double) {
        let bits = v.bitPattern
        switch count {
        case 0:
            writer.writeBits(UInt64(bitPattern: t), count: 64)
            writer.writeBits(bits, count: 64)
            minTime = t
        case 1:
            let delta = t &- maxTime
            writeDeltaOfDelta(delta)  // the first delta uses the same variable-width buckets
            writeValue(bits)
            lastDelta = delta
        default:
            let delta = t &- maxTime
            writeDeltaOfDelta(delta &- lastDelta)
            writeValue(bits)
            lastDelta = delta
        }
        maxTime = t
        lastBits = bits
        count += 1
    }

    /// Releases spare buffer capacity; call when the chunk is closed.
    mutating func shrink() { writer.shrink() }

    /// An iterator over the chunk's samples in time order.
    func makeIterator() -> XORChunkIterator {
        XORChunkIterator(bytes: writer.bytes, bitCount: writer.bitCount, count: count)
    }

    private mutating func writeDeltaOfDelta(_ dod: Int64) {
        switch dod {
        case 0:
            writer.writeBit(false)
        case -8191...8192:
            writer.writeBits(0b10, count: 2)
            writer.writeBits(UInt64(bitPattern: dod), count: 14)
        case -65535...65536:
            writer.writeBits(0b110, count: 3)
            writer.writeBits(UInt64(bitPattern: dod), count: 17)
        case -524_287...524_288:
            writer.writeBits(0b1110, count: 4)
            writer.writeBits(UInt64(bitPattern: dod), count: 20)
        default:
            writer.writeBits(0b1111, count: 4)
            writer.writeBits(UInt64(bitPattern: dod), count: 64)
        }
    }

    private mutating func writeValue(_ bits: UInt64) {
        let xor = bits ^ lastBits
        if xor == 0 {
            writer.writeBit(false)
            return
        }
        writer.writeBit(true)
        var newLeading = UInt8(xor.leadingZeroBitCount)
        let newTrailing = UInt8(xor.trailingZeroBitCount)
        // 5 bits hold the leading count, so clamp to 31 (the extra zeros become significant).
        if newLeading > 31 { newLeading = 31 }
        if leading != 0xff, newLeading >= leading, newTrailing >= trailing {
            writer.writeBit(false)
            let significant = 64 - Int(leading) - Int(trailing)
            writer.writeBits(xor >> UInt64(trailing), count: significant)
            return
        }
        leading = newLeading
        trailing = newTrailing
        writer.writeBit(true)
        writer.writeBits(UInt64(newLeading), count: 5)
        let significant = 64 - Int(newLeading) - Int(newTrailing)
        // 64 significant bits do not fit in 6 bits; 0 stands for 64 (never otherwise used).
        writer.writeBits(UInt64(significant & 63), count: 6)
        writer.writeBits(xor >> UInt64(newTrailing), count: significant)
    }
}

