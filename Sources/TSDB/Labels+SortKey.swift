import Foundation  // memcmp

extension Labels {
    /// The label set as bytes whose plain byte order equals Prometheus' label-set order
    /// (pair by pair, name before value, each compared byte-wise, shorter prefix first).
    ///
    /// Each string is written with 0x00 escaped as 0x00 0xFF and ended by 0x00 0x00, so a
    /// string sorts before every longer string it prefixes. Sorting many selected series
    /// by these keys (one `memcmp` per comparison) is far cheaper than comparing `String`s.
    var sortKey: [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(pairs.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        func append(_ string: String) {
            if string.utf8.contains(0) {
                for byte in string.utf8 {
                    key.append(byte)
                    if byte == 0 { key.append(0xFF) }
                }
            } else {
                key.append(contentsOf: string.utf8)
            }
            key.append(0)
            key.append(0)
        }
        for pair in pairs {
            append(pair.name)
            append(pair.value)
        }
        return key
    }
}

/// Byte-wise lexicographic order of two sort keys.
func sortKeyPrecedes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    let common = min(lhs.count, rhs.count)
    let order = lhs.withUnsafeBufferPointer { left in
        rhs.withUnsafeBufferPointer { right -> Int32 in
            guard common > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress else { return 0 }
            return memcmp(leftBase, rightBase, common)
        }
    }
    return order != 0 ? order < 0 : lhs.count < rhs.count
}
