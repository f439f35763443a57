/// A Kubernetes object the client can read and write.
///
/// Conforming types model the fields they need; whatever else the server sends is kept in
/// `retainedFields` by the client and sent back on update, so a read-modify-write never
/// erases fields this version of Vigil does not know.
public protocol KubernetesResource: Codable, Sendable {
    /// The kind's place in the API. Dynamic objects (`DynamicObject`) have none and pass
    /// their `ResourceKind` to the client explicitly.
    static var resource: ResourceKind { get }
    var metadata: ObjectMeta { get set }
    /// Members the type did not model; filled and used by the client.
    var retainedFields: RetainedFields { get set }
}

extension KubernetesResource {
    /// The object's namespace/name.
    public var key: ObjectKey { ObjectKey(namespace: metadata.namespace, name: metadata.name ?? "") }

    /// An owner reference pointing at this object, for objects it generates.
    public func ownerReference(controller: Bool = true) -> OwnerReference? {
        guard let name = metadata.name, let uid = metadata.uid else { return nil }
        return OwnerReference(
            apiVersion: Self.resource.apiVersion, kind: Self.resource.kind, name: name, uid: uid,
            controller: controller, blockOwnerDeletion: true)
    }
}

/// Encoding and decoding of `RetainedFields` are done by the client around the synthesized
/// `Codable` of each resource; these overloads keep the property itself off the wire.
extension KeyedEncodingContainer {
    public mutating func encode(_ value: RetainedFields, forKey key: Key) throws {}
}

extension KeyedDecodingContainer {
    public func decode(_ type: RetainedFields.Type, forKey key: Key) throws -> RetainedFields { RetainedFields() }
}

/// A page of a list response.
public struct ObjectList<Item: KubernetesResource>: Sendable {
    public var metadata: ListMeta
    public var items: [Item]

    public init(metadata: ListMeta, items: [Item]) {
        self.metadata = metadata
        self.items = items
    }
}

/// Any object held as JSON: custom resources Vigil reads generically, and the way to
/// keep every field of an object exactly. `metadata` is decoded for convenience; the
/// whole object, metadata included, stays in `object`.
public struct DynamicObject: KubernetesResource, Hashable {
    /// Dynamic objects carry no fixed kind; pass a `ResourceKind` to the client.
    public static var resource: ResourceKind {
        ResourceKind(group: "", version: "v1", plural: "", kind: "")
    }

    /// The complete object as received (or as to be sent).
    public var object: JSONValue

    public var metadata: ObjectMeta {
        get { (try? JSONCoding.decode(ObjectMeta.self, from: object["metadata"] ?? .object([:]))) ?? ObjectMeta() }
        set {
            guard let encoded = try? JSONCoding.encode(newValue) else { return }
            let retained = (try? JSONCoding.decodeRetaining(ObjectMeta.self, from: object["metadata"] ?? .object([:])))?.1
            object["metadata"] = retained?.merged(into: encoded) ?? encoded
        }
    }

    public var retainedFields: RetainedFields {
        get { RetainedFields() }
        set {}
    }

    public init(_ object: JSONValue) { self.object = object }

    public init(from decoder: any Decoder) throws { self.object = try JSONValue(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try object.encode(to: encoder) }

    /// `spec`, `status` or any other top-level member.
    public subscript(member: String) -> JSONValue? {
        get { object[member] }
        set { object[member] = newValue }
    }
}
