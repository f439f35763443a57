// Core (`v1`) kinds, modeled as far as Vigil reads or writes them. Unmodeled members
// survive updates through `retainedFields`.

/// A namespace (cluster-scoped).
public struct Namespace: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false)
    public var apiVersion: String? = "v1"
    public var kind: String? = "Namespace"
    public var metadata: ObjectMeta
    public var status: NamespaceStatus?
    public var retainedFields = RetainedFields()

    public struct NamespaceStatus: Sendable, Hashable, Codable { public var phase: String? }

    public init(metadata: ObjectMeta) { self.metadata = metadata }
}

/// A Service: the thing a ServiceMonitor selects by label.
public struct Service: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "", version: "v1", plural: "services", kind: "Service")
    public var apiVersion: String? = "v1"
    public var kind: String? = "Service"
    public var metadata: ObjectMeta
    public var spec: ServiceSpec?
    public var retainedFields = RetainedFields()

    public init(metadata: ObjectMeta, spec: ServiceSpec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}

public struct ServiceSpec: Sendable, Hashable, Codable {
    public var type: String?
    public var selector: [String: String]?
    public var clusterIP: String?
    public var ports: [ServicePort]?

    public init(type: String? = nil, selector: [String: String]? = nil, ports: [ServicePort]? = nil) {
        self.type = type
        self.selector = selector
        self.ports = ports
    }
}

public struct ServicePort: Sendable, Hashable, Codable {
    public var name: String?
    public var port: Int32
    /// A number or a container port name.
    public var targetPort: IntOrString?
    public var `protocol`: String?
    public var appProtocol: String?

    public init(name: String? = nil, port: Int32, targetPort: IntOrString? = nil) {
        self.name = name
        self.port = port
        self.targetPort = targetPort
    }
}

/// `intstr.IntOrString`.
public enum IntOrString: Sendable, Hashable, Codable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        }
    }

    public var description: String {
        switch self {
        case .int(let number): "\(number)"
        case .string(let text): text
        }
    }
}

/// The legacy Endpoints kind (still read by prometheus-operator's `role: endpoints`).
public struct Endpoints: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "", version: "v1", plural: "endpoints", kind: "Endpoints")
    public var apiVersion: String? = "v1"
    public var kind: String? = "Endpoints"
    public var metadata: ObjectMeta
    public var subsets: [Subset]?
    public var retainedFields = RetainedFields()

    public struct Subset: Sendable, Hashable, Codable {
        public var addresses: [Address]?
        public var notReadyAddresses: [Address]?
        public var ports: [Port]?
    }

    public struct Address: Sendable, Hashable, Codable {
        public var ip: String
        public var hostname: String?
        public var nodeName: String?
        public var targetRef: ObjectReference?
    }

    public struct Port: Sendable, Hashable, Codable {
        public var name: String?
        public var port: Int32
        public var `protocol`: String?
    }

    public init(metadata: ObjectMeta) { self.metadata = metadata }
}

/// A reference to another object (`v1.ObjectReference`).
public struct ObjectReference: Sendable, Hashable, Codable {
    public var apiVersion: String?
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(apiVersion: String? = nil, kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
    }
}

/// A Pod, read for `podTargetLabels`, container port names and phase.
public struct Pod: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "", version: "v1", plural: "pods", kind: "Pod")
    public var apiVersion: String? = "v1"
    public var kind: String? = "Pod"
    public var metadata: ObjectMeta
    public var spec: PodSpec?
    public var status: PodStatus?
    public var retainedFields = RetainedFields()

    public struct PodSpec: Sendable, Hashable, Codable {
        public var nodeName: String?
        public var containers: [Container]?
        public var initContainers: [Container]?
    }

    public struct Container: Sendable, Hashable, Codable {
        public var name: String
        public var image: String?
        public var ports: [ContainerPort]?
    }

    public struct ContainerPort: Sendable, Hashable, Codable {
        public var name: String?
        public var containerPort: Int32
        public var `protocol`: String?
    }

    public struct PodStatus: Sendable, Hashable, Codable {
        public var phase: String?
        public var podIP: String?
        public var hostIP: String?
        public var conditions: [PodCondition]?
    }

    public struct PodCondition: Sendable, Hashable, Codable {
        public var type: String
        public var status: String
    }

    public init(metadata: ObjectMeta) { self.metadata = metadata }
}

/// A Secret; values are base64 in `data` on the wire and decoded here.
public struct Secret: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "", version: "v1", plural: "secrets", kind: "Secret")
    public var apiVersion: String? = "v1"
    public var kind: String? = "Secret"
    public var metadata: ObjectMeta
    public var type: String?
    /// Base64-encoded values, as on the wire.
    public var data: [String: String]?
    /// Plain values, write-only on the server (merged into `data`).
    public var stringData: [String: String]?
    public var retainedFields = RetainedFields()

    public init(metadata: ObjectMeta, type: String? = nil, data: [String: String]? = nil, stringData: [String: String]? = nil) {
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
    }
}

/// A ConfigMap.
public struct ConfigMap: KubernetesResource, Hashable {
    public static let resource = ResourceKind(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap")
    public var apiVersion: String? = "v1"
    public var kind: String? = "ConfigMap"
    public var metadata: ObjectMeta
    public var data: [String: String]?
    public var binaryData: [String: String]?
    public var retainedFields = RetainedFields()

    public init(metadata: ObjectMeta, data: [String: String]? = nil) {
        self.metadata = metadata
        self.data = data
    }
}
