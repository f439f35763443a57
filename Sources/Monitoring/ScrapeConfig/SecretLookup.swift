/// Where referenced Secret and ConfigMap values come from. The generator stays pure:
/// the caller (the operator, or a test) provides the values it has already read.
public struct SecretLookup: Sendable {
    /// One key of one Secret or ConfigMap.
    public struct Reference: Sendable, Hashable, CustomStringConvertible {
        public enum Source: Sendable, Hashable { case secret, configMap }
        public var source: Source
        public var namespace: String
        public var name: String
        public var key: String

        public init(_ source: Source, namespace: String, name: String, key: String) {
            (self.source, self.namespace, self.name, self.key) = (source, namespace, name, key)
        }

        public var description: String {
            "\(source == .secret ? "secret" : "configmap") \"\(namespace)/\(name)\" key \"\(key)\""
        }
    }

    private let resolve: @Sendable (Reference) -> String?

    /// Looks values up with `resolve`, which returns nil for a missing object or key.
    public init(_ resolve: @escaping @Sendable (Reference) -> String?) { self.resolve = resolve }

    /// Looks values up in a fixed table.
    public init(values: [Reference: String]) { self.resolve = { values[$0] } }

    /// No Secrets or ConfigMaps at all.
    public static let empty = SecretLookup(values: [:])

    /// The value, or nil when the object or key does not exist.
    public func value(for reference: Reference) -> String? { resolve(reference) }
}
