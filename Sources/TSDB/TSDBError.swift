/// Why a sample was not accepted by an ``Appender``.
public enum AppendError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sample is older than the latest sample of its series.
    case outOfOrderSample(timestamp: Int64, latest: Int64)
    /// The series already has a sample at this timestamp, with a different value.
    case duplicateSampleForTimestamp(timestamp: Int64)
    /// The sample is older than the retention window (the oldest time still kept).
    case outOfBounds(timestamp: Int64, minValidTime: Int64)
    /// A series reference that the store does not (or no longer) know.
    case unknownSeriesRef(SeriesRef)
    /// A series needs at least one label.
    case emptyLabelSet

    public var description: String {
        switch self {
        case .outOfOrderSample(let t, let latest): "out of order sample at \(t) (latest \(latest))"
        case .duplicateSampleForTimestamp(let t): "duplicate sample for timestamp \(t)"
        case .outOfBounds(let t, let min): "out of bounds sample at \(t) (min valid time \(min))"
        case .unknownSeriesRef(let ref): "unknown series ref \(ref.rawValue)"
        case .emptyLabelSet: "empty label set"
        }
    }

    /// True for the errors Prometheus counts as out-of-order (older or conflicting).
    public var isOutOfOrder: Bool {
        switch self {
        case .outOfOrderSample, .duplicateSampleForTimestamp: true
        default: false
        }
    }
}

/// Why a ``LabelMatcher`` could not be built.
public enum LabelMatcherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The regular expression does not compile; `reason` is the compiler's message.
    case invalidRegex(label: String, pattern: String, reason: String)

    public var description: String {
        switch self {
        case .invalidRegex(let label, let pattern, let reason):
            "invalid regex \"\(pattern)\" for label \(label): \(reason)"
        }
    }
}

/// Why a snapshot could not be written or read. A failed read loads nothing.
public enum SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No snapshot file exists at the path.
    case notFound(path: String)
    /// A system call failed; `errno` is its error number.
    case io(path: String, operation: String, errno: Int32)
    /// The file does not start with the snapshot magic bytes.
    case badMagic
    /// Written by a format version this build does not read.
    case unsupportedVersion(UInt32)
    /// The file is shorter or longer than its header says (e.g. torn write).
    case truncated(expectedBytes: Int, actualBytes: Int)
    /// The payload's CRC32 does not match the header.
    case checksumMismatch(expected: UInt32, actual: UInt32)
    /// The checksum matched but the payload does not decode; `offset` is in the payload.
    case malformed(offset: Int, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "no snapshot at \(path)"
        case .io(let path, let operation, let errno): "\(operation) \(path) failed (errno \(errno))"
        case .badMagic: "not a Vigil TSDB snapshot (bad magic)"
        case .unsupportedVersion(let version): "unsupported snapshot version \(version)"
        case .truncated(let expected, let actual): "snapshot is \(actual) bytes, header says \(expected)"
        case .checksumMismatch(let expected, let actual):
            "snapshot checksum mismatch (header \(expected), payload \(actual))"
        case .malformed(let offset, let reason): "malformed snapshot at payload offset \(offset): \(reason)"
        }
    }

    /// True when there was simply no snapshot to load (a first start).
    public var isNotFound: Bool {
        if case .notFound = self { return true }
        return false
    }
}
