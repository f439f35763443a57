/// Direct access for tests: seeding and inspecting state without HTTP, fault injection,
/// and counters. Every write here notifies open watches like an HTTP write would.
extension FakeAPIServer {
    /// The last resourceVersion handed out (the value a LIST would report).
    public var currentResourceVersion: Int64 { state.withLock { $0.cluster.resourceVersion } }

    /// Serves one more kind (e.g. a CRD a test defines).
    public func register(_ resource: FakeResource) {
        state.withLock { $0.cluster.register(resource) }
    }

    /// The stored object, or nil. `namespace` is ignored for cluster-scoped kinds.
    public func object(_ resource: FakeResource, namespace: String?, name: String) -> JSONValue? {
        let key = ObjectKey(namespace: resource.namespaced ? namespace ?? "" : "", name: name)
        return state.withLock { $0.cluster.stored(resource, key)?.object }
    }

    /// Every stored object of a kind, sorted by namespace then name.
    public func objects(_ resource: FakeResource) -> [JSONValue] {
        state.withLock { $0.cluster.objects(resource).sorted { $0.key < $1.key }.map(\.value.object) }
    }

    /// Creates an object as POST would; the namespace comes from `metadata.namespace`.
    @discardableResult
    public func seed(_ resource: FakeResource, _ object: JSONValue, fieldManager: String = "test-seed")
        throws(APIStatusError) -> JSONValue
    {
        try write { cluster throws(APIStatusError) in
            try cluster.create(
                resource, namespace: resource.namespaced ? object.metadataNamespace ?? "default" : nil, body: object,
                fieldManager: fieldManager)
        }
    }

    /// Creates a namespace.
    @discardableResult
    public func createNamespace(_ name: String) throws(APIStatusError) -> JSONValue {
        let namespace = FakeResource(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false)
        return try seed(namespace, ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
    }

    /// Changes a stored object as another client's update would (same rules as PUT, no
    /// resourceVersion needed), e.g. to simulate a controller or kubectl.
    @discardableResult
    public func modify(
        _ resource: FakeResource, namespace: String?, name: String, subresource status: Bool = false,
        fieldManager: String = "test-modify", _ change: (inout JSONValue) -> Void
    ) throws(APIStatusError) -> JSONValue {
        let key = ObjectKey(namespace: resource.namespaced ? namespace ?? "" : "", name: name)
        return try write { cluster throws(APIStatusError) in
            guard var object = cluster.stored(resource, key)?.object else { throw .notFound(resource, name: name) }
            change(&object)
            return try cluster.update(
                resource, key, proposed: object, subresource: status ? .status : .main,
                precondition: .resourceVersionIfPresent, fieldManager: fieldManager)
        }
    }

    /// Deletes an object as DELETE would (finalizers and garbage collection included).
    @discardableResult
    public func remove(
        _ resource: FakeResource, namespace: String?, name: String, propagationPolicy: PropagationPolicy = .background
    ) throws(APIStatusError) -> JSONValue {
        let key = ObjectKey(namespace: resource.namespaced ? namespace ?? "" : "", name: name)
        return try write { cluster throws(APIStatusError) in
            try cluster.delete(resource, key, options: DeleteOptions(propagationPolicy: propagationPolicy))
        }
    }

    /// Runs a write on the cluster and delivers its events to watches, under one lock.
    func write<Result>(_ body: (inout ClusterState) throws(APIStatusError) -> Result) throws(APIStatusError) -> Result {
        try state.withLock { state throws(APIStatusError) -> Result in
            defer { state.deliverPendingEvents() }
            return try body(&state.cluster)
        }
    }

    // MARK: Faults and counters

    /// Applies `fault` to the next `count` requests that `matching` selects.
    public func injectFault(_ fault: Fault, count: Int = 1, matching: FaultMatcher = .any) {
        state.withLock { $0.faults.append(FaultRule(fault: fault, remaining: count, matcher: matching)) }
    }

    /// Forgets every injected fault not yet used up.
    public func clearFaults() {
        state.withLock { $0.faults.removeAll() }
    }

    /// Closes every open watch stream now (clients see the response end).
    public func dropWatchConnections() {
        state.withLock { $0.closeAllWatches() }
    }

    /// Forgets all event history: any resourceVersion older than the current one now gets
    /// 410 Gone from watches and continue tokens.
    public func compactHistory() {
        state.withLock { $0.cluster.compactHistory() }
    }

    /// How often watches that asked for bookmarks get one (default 60 s). Applies to
    /// watches opened afterwards.
    public var watchBookmarkInterval: Duration {
        get { state.withLock { $0.watchBookmarkInterval } }
        set { state.withLock { $0.watchBookmarkInterval = newValue } }
    }

    /// Requests served (or failed by a fault) for a verb since start.
    public func requestCount(_ verb: FakeVerb) -> Int {
        state.withLock { $0.requestCounts[verb] ?? 0 }
    }

    /// Number of watch streams currently open.
    public var openWatchCount: Int { state.withLock { $0.watchers.count } }
}
