/// xxHash64 (seed 0), the hash Prometheus's `labels.Hash` uses; Vigil needs it to give
/// rule groups the same evaluation offsets Prometheus does.
enum XXHash64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 {
        (value << bits) | (value >> (64 - bits))
    }

    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    private static func merge(_ accumulator: UInt64, _ value: UInt64) -> UInt64 {
        (accumulator ^ round(0, value)) &* prime1 &+ prime4
    }

    private static func read64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    private static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<4).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var offset = 0
        var hash: UInt64
        if bytes.count >= 32 {
            var v1 = prime1 &+ prime2
            var v2 = prime2
            var v3: UInt64 = 0
            var v4 = 0 &- prime1
            while offset + 32 <= bytes.count {
                v1 = round(v1, read64(bytes, offset))
                v2 = round(v2, read64(bytes, offset + 8))
                v3 = round(v3, read64(bytes, offset + 16))
                v4 = round(v4, read64(bytes, offset + 24))
                offset += 32
            }
            hash = rotate(v1, 1) &+ rotate(v2, 7) &+ rotate(v3, 12) &+ rotate(v4, 18)
            hash = merge(merge(merge(merge(hash, v1), v2), v3), v4)
        } else {
            hash = prime5
        }
        hash = hash &+ UInt64(bytes.count)
        while offset + 8 <= bytes.count {
            hash ^= round(0, read64(bytes, offset))
            hash = rotate(hash, 27) &* prime1 &+ prime4
            offset += 8
        }
        if offset + 4 <= bytes.count {
            hash ^= read32(bytes, offset) &* prime1
            hash = rotate(hash, 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < bytes.count {
            hash ^= UInt64(bytes[offset]) &* prime5
            hash = rotate(hash, 11) &* prime1
            offset += 1
        }
        hash ^= hash >> 33
        hash = hash &* prime2
        hash ^= hash >> 29
        hash = hash &* prime3
        hash ^= hash >> 32
        return hash
    }

    /// Prometheus's `labels.Labels.Hash()`: `name 0xff value 0xff` for each pair in order.
    static func hash(labelPairs: [(String, String)]) -> UInt64 {
        var bytes: [UInt8] = []
        for (name, value) in labelPairs {
            bytes.append(contentsOf: name.utf8)
            bytes.append(0xff)
            bytes.append(contentsOf: value.utf8)
            bytes.append(0xff)
        }
        return hash(bytes)
    }
}
