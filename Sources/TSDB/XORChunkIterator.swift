/// Decodes an ``XORChunk`` sample by sample. Stops early (returns nil) on a damaged
/// payload rather than reading out of bounds.
struct XORChunkIterator: IteratorProtocol, Sendable {
    private var reader: BitReader
    private let count: Int
    private var index = 0
    private var t: Int64 = 0
    private var delta: Int64 = 0
    private var bits: UInt64 = 0
    private var leading = 0
    private var trailing = 0

    init(bytes: [UInt8], bitCount: Int, count: Int) {
        self.reader = BitReader(bytes: bytes, bitCount: bitCount)
        self.count = count
    }

    mutating func next() -> Point? {
        guard index < count else { return nil }
        switch index {
        case 0:
            guard let rawT = reader.readBits(64), let rawV = reader.readBits(64) else { return stop() }
            t = Int64(bitPattern: rawT)
            bits = rawV
        case 1:
            guard let firstDelta = readDeltaOfDelta() else { return stop() }
            delta = firstDelta
            t = t &+ delta
            guard readValue() else { return stop() }
        default:
            guard let dod = readDeltaOfDelta() else { return stop() }
            delta = delta &+ dod
            t = t &+ delta
            guard readValue() else { return stop() }
        }
        index += 1
        return Point(t: t, v: Double(bitPattern: bits))
    }

    private mutating func stop() -> Point? {
        index = count
        return nil
    }

    private mutating func readDeltaOfDelta() -> Int64? {
        var prefix = 0
        while prefix < 4 {
            guard let bit = reader.readBit() else { return nil }
            if !bit { break }
            prefix += 1
        }
        let width: Int
        switch prefix {
        case 0: return 0
        case 1: width = 14
        case 2: width = 17
        case 3: width = 20
        default: width = 64
        }
        guard let raw = reader.readBits(width) else { return nil }
        if width == 64 { return Int64(bitPattern: raw) }
        // Sign-extend the `width`-bit two's complement value.
        let shift = UInt64(64 - width)
        return Int64(bitPattern: raw << shift) >> Int64(shift)
    }

    private mutating func readValue() -> Bool {
        guard let changed = reader.readBit() else { return false }
        if !changed { return true }
        guard let newWindow = reader.readBit() else { return false }
        if newWindow {
            guard let lead = reader.readBits(5), let sig = reader.readBits(6) else { return false }
            let significant = sig == 0 ? 64 : Int(sig)
            leading = Int(lead)
            trailing = 64 - leading - significant
            guard trailing >= 0 else { return false }
        }
        let significant = 64 - leading - trailing
        guard significant > 0, let xor = reader.readBits(significant) else { return false }
        bits ^= xor << UInt64(trailing)
        return true
    }
}
