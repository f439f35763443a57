/// 64-bit FNV-1a: a stable, fast, non-cryptographic hash, the same in every process and
/// on every platform (unlike `Hasher`). Label-set hashes, target identities, dashboard uids
/// and the configuration Secret's content hash all use it.
///
/// ```swift
/// var hash = FNV1a()
/// hash.combine(contentsOf: "up".utf8)
/// hash.combine(0xff)
/// let value = hash.value
/// ```
@frozen
public struct FNV1a: Sendable {
    /// The hash of everything combined so far.
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable
    public init() {}

    /// Mixes in one byte.
    @inlinable @inline(__always)
    public mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Mixes in every byte of `bytes`, in order.
    @inlinable
    public mutating func combine<Bytes: Sequence<UInt8>>(contentsOf bytes: Bytes) {
        for byte in bytes { combine(byte) }
    }
}
