/// A discovery.k8s.io/v1 EndpointSlice: the addresses behind a Service.
public struct EndpointSlice: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "discovery.k8s.io", version: "v1", plural: "endpointslices", kind: "EndpointSlice")
    public var apiVersion: String? = "discovery.k8s.io/v1"
    public var kind: String? = "EndpointSlice"
    public var metadata: ObjectMeta
    public var addressType: String
    public var endpoints: [Endpoint]?
    public var ports: [Port]?
    public var retainedFields = RetainedFields()

    /// The Service a slice belongs to (label `kubernetes.io/service-name`).
    public var serviceName: String? { metadata.labels?["kubernetes.io/service-name"] }

    public struct Endpoint: Sendable, Hashable, Codable {
        public var addresses: [String]
        public var conditions: Conditions?
        public var hostname: String?
        public var nodeName: String?
        public var zone: String?
        public var targetRef: ObjectReference?

        public init(addresses: [String], conditions: Conditions? = nil, targetRef: ObjectReference? = nil) {
            self.addresses = addresses
            self.conditions = conditions
            self.targetRef = targetRef
        }
    }

    public struct Conditions: Sendable, Hashable, Codable {
        public var ready: Bool?
        public var serving: Bool?
        public var terminating: Bool?

        public init(ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil) {
            self.ready = ready
            self.serving = serving
            self.terminating = terminating
        }
    }

    public struct Port: Sendable, Hashable, Codable {
        public var name: String?
        public var port: Int32?
        public var `protocol`: String?
        public var appProtocol: String?

        public init(name: String? = nil, port: Int32? = nil) {
            self.name = name
            self.port = port
        }
    }

    public init(metadata: ObjectMeta, addressType: String = "IPv4", endpoints: [Endpoint]? = nil, ports: [Port]? = nil) {
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }
}

/// An events.k8s.io/v1 Event.
public struct Event: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "events.k8s.io", version: "v1", plural: "events", kind: "Event")
    public var apiVersion: String? = "events.k8s.io/v1"
    public var kind: String? = "Event"
    public var metadata: ObjectMeta
    public var eventTime: MicroTime
    /// `Normal` or `Warning`.
    public var type: String?
    public var reason: String?
    /// What was done, e.g. `Reconcile`.
    public var action: String?
    public var note: String?
    public var regarding: ObjectReference?
    public var related: ObjectReference?
    public var reportingController: String?
    public var reportingInstance: String?
    public var series: Series?
    public var retainedFields = RetainedFields()

    public struct Series: Sendable, Hashable, Codable {
        public var count: Int32
        public var lastObservedTime: MicroTime
    }

    public init(metadata: ObjectMeta, eventTime: MicroTime) {
        self.metadata = metadata
        self.eventTime = eventTime
    }
}

/// A coordination.k8s.io/v1 Lease, used for leader election.
public struct Lease: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease")
    public var apiVersion: String? = "coordination.k8s.io/v1"
    public var kind: String? = "Lease"
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var retainedFields = RetainedFields()

    public struct Spec: Sendable, Hashable, Codable {
        public var holderIdentity: String?
        public var leaseDurationSeconds: Int32?
        public var acquireTime: MicroTime?
        public var renewTime: MicroTime?
        public var leaseTransitions: Int32?

        public init(
            holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: MicroTime? = nil,
            renewTime: MicroTime? = nil, leaseTransitions: Int32? = nil
        ) {
            self.holderIdentity = holderIdentity
            self.leaseDurationSeconds = leaseDurationSeconds
            self.acquireTime = acquireTime
            self.renewTime = renewTime
            self.leaseTransitions = leaseTransitions
        }
    }

    public init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}
