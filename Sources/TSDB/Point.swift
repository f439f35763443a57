/// One stored sample: a timestamp in milliseconds since the Unix epoch and a float value.
///
/// Equality compares the value's bit pattern, so NaN equals the same NaN and the stale
/// marker is distinguishable from an ordinary NaN; `-0.0` differs from `0.0`.
public struct Point: Sendable, Equatable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch.
    public var t: Int64
    /// The sample value, possibly NaN, ±Inf or ``StaleNaN``.
    public var v: Double

    public init(t: Int64, v: Double) {
        self.t = t
        self.v = v
    }

    public static func == (lhs: Point, rhs: Point) -> Bool {
        lhs.t == rhs.t && lhs.v.bitPattern == rhs.v.bitPattern
    }

    public var description: String { "\(v) @\(t)" }
}

/// The bit pattern Prometheus writes to mark a series stale (0x7ff0000000000002).
public let staleNaNBitPattern: UInt64 = 0x7ff0_0000_0000_0002

/// The staleness marker: a signalling-style NaN whose exact bits the store preserves.
public let StaleNaN = Double(bitPattern: staleNaNBitPattern)

/// Whether `value` is the staleness marker (compared by bits; other NaNs are not stale).
public func isStaleNaN(_ value: Double) -> Bool {
    value.bitPattern == staleNaNBitPattern
}
