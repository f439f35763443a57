import AsyncHTTPClient
import NIOCore

/// The events of one watch connection, decoded incrementally from the chunked body: one
/// JSON object per line. A line longer than `maximumLineBytes` (16 MiB), malformed JSON,
/// an unknown event type or an ERROR event end the sequence with a `KubernetesError`.
public struct WatchEventSequence<T: KubernetesResource>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<T>

    /// Longest event accepted; larger ones mean a broken or hostile stream.
    public static var maximumLineBytes: Int { 16 * 1024 * 1024 }

    let body: HTTPClientResponse.Body
    let resource: String

    public func makeAsyncIterator() -> Iterator {
        Iterator(chunks: body.makeAsyncIterator(), resource: resource)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var chunks: HTTPClientResponse.Body.AsyncIterator
        let resource: String
        var splitter = LineSplitter(maximumLineBytes: WatchEventSequence.maximumLineBytes)
        var finished = false

        public mutating func next() async throws -> WatchEvent<T>? {
            while !finished {
                if let line = try nextLine() {
                    return try WatchEventDecoder<T>.decode(line: line, resource: resource)
                }
                let chunk: ByteBuffer?
                do { chunk = try await chunks.next() } catch {
                    finished = true
                    throw KubernetesError.transport(verb: .watch, resource: resource, underlying: KubernetesClient.describeTransport(error))
                }
                guard let chunk else {
                    finished = true
                    // A final line without a newline still counts.
                    if let rest = splitter.finish() { return try WatchEventDecoder<T>.decode(line: rest, resource: resource) }
                    return nil
                }
                splitter.append(chunk.readableBytesView)
            }
            return nil
        }

        private mutating func nextLine() throws -> [UInt8]? {
            do {
                while let line = try splitter.nextLine() {
                    if !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return line }
                }
                return nil
            } catch {
                finished = true
                throw KubernetesError.decoding(verb: .watch, resource: resource, message: "\(error)")
            }
        }
    }
}

/// Turns one watch line into an event.
enum WatchEventDecoder<T: KubernetesResource> {
    static func decode(line: [UInt8], resource: String) throws(KubernetesError) -> WatchEvent<T> {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            throw .decoding(verb: .watch, resource: resource, message: error.description)
        }
        guard let type = value["type"]?.stringValue, let object = value["object"] else {
            throw .decoding(verb: .watch, resource: resource, message: "watch event without type or object")
        }
        let kind = ResourceKind(group: "", version: "", plural: resource, kind: "")
        switch type {
        case "ADDED": return .added(try JSONCoding.decodeResource(T.self, from: object, verb: .watch, resource: kind))
        case "MODIFIED": return .modified(try JSONCoding.decodeResource(T.self, from: object, verb: .watch, resource: kind))
        case "DELETED": return .deleted(try JSONCoding.decodeResource(T.self, from: object, verb: .watch, resource: kind))
        case "BOOKMARK":
            guard let version = object.value(at: ["metadata", "resourceVersion"])?.stringValue else {
                throw .decoding(verb: .watch, resource: resource, message: "bookmark without metadata.resourceVersion")
            }
            return .bookmark(resourceVersion: version)
        case "ERROR":
            let status = (try? JSONCoding.decode(APIStatus.self, from: object)) ?? APIStatus(code: 500, message: "watch error")
            throw .api(status, verb: .watch, resource: resource, name: nil)
        default:
            throw .decoding(verb: .watch, resource: resource, message: "unknown watch event type \"\(type)\"")
        }
    }
}

/// Splits a byte stream into `\n`-terminated lines without copying more than once.
struct LineSplitter {
    struct LineTooLong: Error, CustomStringConvertible {
        let limit: Int
        var description: String { "watch event longer than \(limit) bytes" }
    }

    let maximumLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0

    init(maximumLineBytes: Int) { self.maximumLineBytes = maximumLineBytes }

    mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0 && start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
            scanned = 0
        } else if start > 64 * 1024 {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    mutating func nextLine() throws(LineTooLong) -> [UInt8]? {
        var index = max(scanned, start)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                // A complete line can arrive in one chunk; the limit applies to it too.
                if index - start > maximumLineBytes { throw LineTooLong(limit: maximumLineBytes) }
                let line = Array(buffer[start..<index])
                start = index + 1
                scanned = start
                return line
            }
            index += 1
        }
        scanned = index
        if buffer.count - start > maximumLineBytes { throw LineTooLong(limit: maximumLineBytes) }
        return nil
    }

    mutating func finish() -> [UInt8]? {
        guard start < buffer.count else { return nil }
        let rest = Array(buffer[start...])
        start = buffer.count
        return rest.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) ? nil : rest
    }
}
