import Foundation

extension TimeSeriesStore {
    /// File name of the snapshot inside its directory.
    public static let snapshotFileName = "tsdb.snapshot"

    /// Writes every series to `directory/tsdb.snapshot` atomically: the data goes to a
    /// temporary file that is fsynced and then renamed over the old snapshot, and the
    /// directory is fsynced, so a crash leaves either the old or the new snapshot.
    ///
    /// Appends may continue meanwhile; each series is captured consistently, the store
    /// as a whole at roughly the time of the call.
    public func writeSnapshot(to directory: String) throws(SnapshotError) {
        var payload = ByteWriter()
        payload.varint(minValidTime.load(ordering: .relaxed))
        var body = ByteWriter()
        var seriesCount = 0
        for box in stripes {
            box.lock.withLock { stripe in
                for series in stripe.series.values {
                    let samples = series.state.withLock { $0 }
                    guard !samples.isEmpty else { continue }
                    SnapshotCodec.encode(labels: series.labels, samples: samples, into: &body)
                    seriesCount += 1
                }
            }
        }
        payload.uvarint(UInt64(seriesCount))
        payload.bytes.append(contentsOf: body.bytes)
        let file = SnapshotCodec.encodeHeader(payload: payload.bytes) + payload.bytes
        try SnapshotFile.writeAtomically(file, directory: directory, name: TimeSeriesStore.snapshotFileName)
    }

    /// A store filled from `directory/tsdb.snapshot`.
    ///
    /// - Throws: ``SnapshotError`` — `.notFound` when there is no snapshot (check
    ///   `isNotFound` to start empty), or why the file is unusable; nothing is half-loaded.
    public static func restore(from directory: String, options: Options = Options()) throws(SnapshotError)
        -> TimeSeriesStore
    {
        let path = directory + "/" + snapshotFileName
        let file = try SnapshotFile.readAll(path)
        return try restore(snapshot: file, options: options)
    }

    /// A store filled from snapshot bytes (as written by ``writeSnapshot(to:)``).
    public static func restore(snapshot file: [UInt8], options: Options = Options()) throws(SnapshotError)
        -> TimeSeriesStore
    {
        let decoded = try SnapshotCodec.decode(file: file)
        let store = TimeSeriesStore(options: options)
        store.minValidTime.store(decoded.minValidTime, ordering: .relaxed)
        for entry in decoded.series {
            guard let head = entry.chunks.last else { continue }
            let series = store.getOrCreate(entry.labels)
            series.state.withLock { $0 = SeriesSamples(closedChunks: Array(entry.chunks.dropLast()), head: head) }
        }
        return store
    }
}

/// POSIX file operations for snapshots, with errno in every error.
enum SnapshotFile {
    static func writeAtomically(_ bytes: [UInt8], directory: String, name: String) throws(SnapshotError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .io(path: directory, operation: "mkdir", errno: errno)
        }
        let temporary = directory + "/" + name + ".tmp"
        let final = directory + "/" + name
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .io(path: temporary, operation: "open", errno: errno) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(descriptor)
                throw .io(path: temporary, operation: "write", errno: code)
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            throw .io(path: temporary, operation: "fsync", errno: code)
        }
        guard close(descriptor) == 0 else { throw .io(path: temporary, operation: "close", errno: errno) }
        guard rename(temporary, final) == 0 else { throw .io(path: final, operation: "rename", errno: errno) }
        // Persist the rename itself.
        let directoryDescriptor = open(directory, O_RDONLY)
        guard directoryDescriptor >= 0 else { throw .io(path: directory, operation: "open", errno: errno) }
        defer { close(directoryDescriptor) }
        guard fsync(directoryDescriptor) == 0 else { throw .io(path: directory, operation: "fsync", errno: errno) }
    }

    static func readAll(_ path: String) throws(SnapshotError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            if errno == ENOENT { throw .notFound(path: path) }
            throw .io(path: path, operation: "open", errno: errno)
        }
        defer { close(descriptor) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", errno: errno)
            }
            if count == 0 { return result }
            result.append(contentsOf: buffer[0..<count])
        }
    }
}
