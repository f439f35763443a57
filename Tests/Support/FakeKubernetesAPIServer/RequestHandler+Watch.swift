import Hummingbird
import NIOCore

extension RequestHandler {
    /// Parameters of a watch request.
    struct WatchOptions: Sendable {
        /// nil (or "0" on the wire): start with synthetic ADDED events for current state.
        var resourceVersion: Int64?
        var bookmarks: Bool
        var timeout: Duration?
        /// `sendInitialEvents=true`: current state as ADDED whatever the resourceVersion,
        /// then (with bookmarks) a BOOKMARK annotated `k8s.io/initial-events-end`.
        var sendInitialEvents: Bool
    }

    /// WATCH: replays retained history after `resourceVersion` (or the current state as
    /// ADDED events), then streams live events, one JSON object per line. A version older
    /// than retained history gets a 200 with one ERROR event (410 Expired), then the end.
    func watch(_ resource: FakeResource, namespace: String?) throws(APIStatusError) -> Response {
        let selection = try ListSelection(query: query, namespace: namespace)
        let options = try watchOptions()
        let (stream, continuation) = AsyncStream.makeStream(of: WatchFrame.self)
        let backlog = WatchBacklog()
        let subscription = WatchSubscription(
            resource: resource, namespace: namespace, labelSelector: selection.labelSelector,
            fieldSelector: selection.fieldSelector, continuation: continuation, backlog: backlog, capacity: 0)
        let outcome = server.state.withLock { state in
            state.openWatch(subscription, options: options).map { id in id.map { ($0, state.watchBookmarkInterval) } }
        }
        let registration = try outcome.get()
        let server = self.server
        let body = ResponseBody { writer in
            let failure = await Self.streamFrames(
                stream, backlog: backlog, writer: &writer, timers: registration.map { id, interval in
                    WatchTimers(
                        server: server, watcherID: id, resource: resource, timeout: options.timeout,
                        bookmarkInterval: options.bookmarks ? interval : nil)
                })
            if let (id, _) = registration { server.state.withLock { $0.closeWatch(id) } }
            if let failure { throw failure }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    private func watchOptions() throws(APIStatusError) -> WatchOptions {
        var options = WatchOptions(
            resourceVersion: nil, bookmarks: query["allowWatchBookmarks"] == "true", timeout: nil,
            sendInitialEvents: query["sendInitialEvents"] == "true")
        if let text = query["resourceVersion"], !text.isEmpty, text != "0" {
            guard let version = Int64(text), version > 0 else {
                throw .badRequest("invalid resource version: \"\(text)\"")
            }
            options.resourceVersion = version
        }
        if let text = query["timeoutSeconds"] {
            guard let seconds = Int64(text), seconds >= 0 else {
                throw .badRequest("timeoutSeconds must be a non-negative integer, got \"\(text)\"")
            }
            options.timeout = seconds > 0 ? .seconds(seconds) : nil
        }
        return options
    }

    /// Timers running beside one watch stream: the timeout and the bookmark ticker.
    struct WatchTimers: Sendable {
        var server: FakeAPIServer
        var watcherID: UInt64
        var resource: FakeResource
        var timeout: Duration?
        var bookmarkInterval: Duration?
    }

    /// Writes frames until the stream ends; returns the write error if the client left.
    private static func streamFrames(
        _ stream: AsyncStream<WatchFrame>, backlog: WatchBacklog, writer: inout any ResponseBodyWriter,
        timers: WatchTimers?
    ) async -> (any Error)? {
        await withTaskGroup(of: Void.self) { group in
            if let timers { startTimers(timers, in: &group) }
            defer { group.cancelAll() }
            do {
                for await frame in stream {
                    backlog.written()
                    var buffer = ByteBuffer()
                    buffer.writeBytes(frame.json.encoded())
                    buffer.writeString("\n")
                    try await writer.write(buffer)
                }
                return nil
            } catch {
                return error
            }
        }
    }

    private static func startTimers(_ timers: WatchTimers, in group: inout TaskGroup<Void>) {
        let (server, id) = (timers.server, timers.watcherID)
        if let timeout = timers.timeout {
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return }  // cancelled: stream already ended
                server.state.withLock { $0.closeWatch(id) }
            }
        }
        if let interval = timers.bookmarkInterval {
            let resource = timers.resource
            group.addTask {
                while true {
                    do { try await Task.sleep(for: interval) } catch { return }
                    // Taken under the lock that orders event delivery, so the bookmark never
                    // claims a version whose events this watcher has not been sent.
                    server.state.withLock { state in
                        let bookmark = bookmark(resource, version: state.cluster.resourceVersion)
                        state.send(WatchFrame(type: "BOOKMARK", object: bookmark), to: id)
                    }
                }
            }
        }
    }

    /// A BOOKMARK object: only kind, apiVersion and the resourceVersion reached.
    static func bookmark(_ resource: FakeResource, version: Int64) -> JSONValue {
        [
            "kind": .string(resource.kind), "apiVersion": .string(resource.apiVersion),
            "metadata": ["resourceVersion": .string(String(version))],
        ]
    }
}
