import CZlib

/// gzip compression through the system zlib, for the `prometheus.yaml.gz` key of the
/// configuration Secret (prometheus-operator's format, which its config reloader reads).
enum Gzip {
    /// zlib refused to start or to finish (only on memory exhaustion or a zlib bug).
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "gzip compression failed (zlib status \(code))" }
    }

    /// `bytes` as one gzip member (RFC 1952), at zlib's fastest level: generated
    /// configuration is repetitive enough that it still shrinks about a hundredfold, and
    /// it is compressed again on every change.
    static func compress(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // 15 bits of window, +16 for a gzip header and trailer instead of zlib's.
        let started = deflateInit2_(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                    zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard started == Z_OK else { throw Failure(code: started) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        let status = output.withUnsafeMutableBufferPointer { outputBuffer in
            // zlib never writes through next_in; its type is not const only for old compilers.
            stream.next_in = UnsafeMutablePointer(mutating: bytes.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = UInt32(bytes.count)
            stream.next_out = outputBuffer.baseAddress
            stream.avail_out = UInt32(outputBuffer.count)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { throw Failure(code: status) }
        output.removeLast(Int(stream.avail_out))
        return output
    }

    /// `bytes` as one gzip member.
    static func compress(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(Failure) in try compress(buffer) } }
        return try result.get()
    }
}
