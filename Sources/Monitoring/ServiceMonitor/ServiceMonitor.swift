import Foundation
import Yams

/// A `monitoring.coreos.com/v1` ServiceMonitor, as users write it for prometheus-operator.
///
/// Decoded from the object's JSON or YAML; fields this model does not know are ignored,
/// so newer CRD versions still decode. Field meanings: `prometheus-operator-compat.md` 1.2.
public struct ServiceMonitor: Codable, Sendable, Equatable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMetadata
    public var spec: Spec

    public init(metadata: ObjectMetadata, spec: Spec) {
        (apiVersion, kind, self.metadata, self.spec) = ("monitoring.coreos.com/v1", "ServiceMonitor", metadata, spec)
    }

    /// The `"<namespace>/<name>"` key prometheus-operator sorts and reports monitors by.
    public var key: String { "\(namespace)/\(metadata.name)" }

    /// The namespace the object lives in (`default` when the manifest leaves it out).
    public var namespace: String { metadata.namespace ?? "default" }

    /// The parts of `metadata` the generator needs.
    public struct ObjectMetadata: Codable, Sendable, Equatable {
        public var name: String
        public var namespace: String?
        public var labels: [String: String]?
        public var generation: Int64?

        public init(name: String, namespace: String?, labels: [String: String]? = nil) {
            (self.name, self.namespace, self.labels, self.generation) = (name, namespace, labels, nil)
        }
    }

    /// `spec` of a ServiceMonitor.
    public struct Spec: Codable, Sendable, Equatable {
        public var jobLabel: String?
        public var targetLabels: [String]?
        public var podTargetLabels: [String]?
        public var endpoints: [ServiceMonitorEndpoint]
        public var selector: LabelSelector
        public var selectorMechanism: SelectorMechanism?
        public var namespaceSelector: NamespaceSelector?
        public var sampleLimit: UInt64?
        public var targetLimit: UInt64?
        public var labelLimit: UInt64?
        public var labelNameLengthLimit: UInt64?
        public var labelValueLengthLimit: UInt64?
        public var keepDroppedTargets: UInt64?
        public var bodySizeLimit: String?
        public var scrapeNativeHistograms: Bool?
        public var scrapeClassicHistograms: Bool?
        public var nativeHistogramBucketLimit: UInt64?
        /// A Kubernetes quantity such as `1.1` (decoded from a string or a number).
        public var nativeHistogramMinBucketFactor: IntOrString?
        public var convertClassicHistogramsToNHCB: Bool?
        public var scrapeProtocols: [String]?
        public var fallbackScrapeProtocol: String?
        public var attachMetadata: AttachMetadata?
        public var scrapeClass: String?
        public var serviceDiscoveryRole: ServiceDiscoveryRole?

        public init(endpoints: [ServiceMonitorEndpoint], selector: LabelSelector) {
            self.endpoints = endpoints
            self.selector = selector
        }
    }

    /// `spec.namespaceSelector`: where the selected Services live.
    public struct NamespaceSelector: Codable, Sendable, Equatable {
        public var any: Bool?
        public var matchNames: [String]?
        public init(any: Bool? = nil, matchNames: [String]? = nil) { (self.any, self.matchNames) = (any, matchNames) }
    }

    /// `spec.attachMetadata`.
    public struct AttachMetadata: Codable, Sendable, Equatable {
        public var node: Bool?
    }

    /// How `spec.selector` reaches Prometheus: as keep/drop relabel rules, or as
    /// Kubernetes SD `selectors`.
    public enum SelectorMechanism: String, Codable, Sendable {
        case relabelConfig = "RelabelConfig"
        case roleSelector = "RoleSelector"
    }

    /// The Kubernetes SD role used to discover endpoints.
    public enum ServiceDiscoveryRole: String, Codable, Sendable {
        case endpoints = "Endpoints"
        case endpointSlice = "EndpointSlice"
    }
}

extension ServiceMonitor {
    /// Why a manifest could not be read as a ServiceMonitor.
    public struct DecodingFailure: Error, Sendable, CustomStringConvertible {
        /// Dotted path of the offending field (`spec.endpoints[0].targetPort`), empty for
        /// syntax errors.
        public var field: String
        public var message: String
        public var description: String { field.isEmpty ? message : "\(field): \(message)" }
    }

    /// Decodes a ServiceMonitor from its JSON form.
    public init(json: Data) throws(DecodingFailure) {
        do {
            self = try JSONDecoder().decode(ServiceMonitor.self, from: json)
        } catch {
            throw Self.failure(from: error)
        }
    }

    /// Decodes a ServiceMonitor from a YAML manifest (one document).
    public init(yaml: String) throws(DecodingFailure) {
        do {
            self = try YAMLDecoder().decode(ServiceMonitor.self, from: yaml)
        } catch {
            throw Self.failure(from: error)
        }
    }

    private static func failure(from error: any Error) -> DecodingFailure {
        guard let decoding = error as? DecodingError else {
            return DecodingFailure(field: "", message: String(describing: error))
        }
        switch decoding {
        case .typeMismatch(let type, let context):
            return DecodingFailure(field: path(context.codingPath), message: "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return DecodingFailure(field: path(context.codingPath), message: "missing \(type) value")
        case .keyNotFound(let key, let context):
            return DecodingFailure(field: path(context.codingPath + [key]), message: "required field is missing")
        case .dataCorrupted(let context):
            return DecodingFailure(field: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return DecodingFailure(field: "", message: String(describing: error))
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }
}
