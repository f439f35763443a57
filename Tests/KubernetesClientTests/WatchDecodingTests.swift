import Testing
@testable import KubernetesClient

@Suite("watch stream decoding")
struct WatchDecodingTests {
    @Test("splits lines across chunk boundaries")
    func splitsLines() throws {
        var splitter = LineSplitter(maximumLineBytes: 1024)
        splitter.append(Array("{\"a\":1}\n{\"b\"".utf8))
        #expect(try splitter.nextLine() == Array("{\"a\":1}".utf8))
        #expect(try splitter.nextLine() == nil)
        splitter.append(Array(":2}\n\n".utf8))
        #expect(try splitter.nextLine() == Array("{\"b\":2}".utf8))
        #expect(try splitter.nextLine() == [])
        #expect(splitter.finish() == nil)
    }

    @Test("a line over the limit is an error, not unbounded memory")
    func lineTooLong() {
        var splitter = LineSplitter(maximumLineBytes: 16)
        splitter.append(Array(repeating: UInt8(ascii: "x"), count: 17))
        #expect(throws: LineSplitter.LineTooLong.self) { try splitter.nextLine() }
    }

    @Test("a complete line over the limit is rejected too")
    func completeLineTooLong() {
        var splitter = LineSplitter(maximumLineBytes: 16)
        splitter.append(Array(repeating: UInt8(ascii: "x"), count: 17) + [0x0A])
        #expect(throws: LineSplitter.LineTooLong.self) { try splitter.nextLine() }
    }

    @Test("decodes every event type")
    func decodesEvents() throws {
        let added = try WatchEventDecoder<ConfigMap>.decode(
            line: Array(#"{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"5"}}}"#.utf8), resource: "configmaps")
        guard case .added(let map) = added else { Issue.record("expected ADDED"); return }
        #expect(map.metadata.name == "a")
        let bookmark = try WatchEventDecoder<ConfigMap>.decode(
            line: Array(#"{"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"9"}}}"#.utf8), resource: "configmaps")
        #expect(bookmark.resourceVersion == "9")
    }

    @Test("an ERROR event with 410 becomes a Gone error")
    func errorEventIsGone() {
        let line = Array(#"{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}"#.utf8)
        #expect {
            try WatchEventDecoder<ConfigMap>.decode(line: line, resource: "configmaps")
        } throws: { error in
            (error as? KubernetesError)?.isGone == true
        }
    }

    @Test("bad lines become typed decoding errors", arguments: [
        #"{"type":"ADDED","object":{"metadata":{"name":"a"}}"#,
        #"{"type":"EXPLODED","object":{}}"#,
        #"{"object":{}}"#,
        #"{"type":"ADDED","object":{"metadata":{"name":7}}}"#,
        #"{"type":"BOOKMARK","object":{}}"#,
    ])
    func badLines(_ line: String) {
        #expect {
            try WatchEventDecoder<ConfigMap>.decode(line: Array(line.utf8), resource: "configmaps")
        } throws: { error in
            if case .decoding? = error as? KubernetesError { return true }
            return false
        }
    }
}
