/// Encodes `Encodable` values into a ``YAMLNode`` tree, keeping keys in the order the
/// value encodes them (for synthesized conformances: the order of `CodingKeys`).
///
/// `nil` optionals encoded with `encodeIfPresent` (the synthesized default) are left out.
/// Dictionaries come out in whatever order Swift iterates them, so output models use
/// ``SortedYAMLMap`` where a map appears.
public struct OrderedYAMLEncoder: Sendable {
    /// Raised for values YAML cannot represent here (non-string dictionary keys, a value
    /// that encodes nothing).
    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        /// The coding path of the offending value, dotted.
        public var path: String
        public var description: String { "cannot encode value at \(path.isEmpty ? "<root>" : path) as YAML" }
    }

    public init() {}

    /// The tree for `value`.
    public func encode<Value: Encodable>(_ value: Value) throws(Error) -> YAMLNode {
        let box = NodeBox()
        do {
            try value.encode(to: TreeEncoder(box: box, codingPath: []))
        } catch let error as Error {
            throw error
        } catch {
            throw Error(path: "")
        }
        return box.node()
    }
}

/// A node under construction; a class so nested containers can fill it in later.
/// Children live in stored arrays (not enum payloads) so appending never copies them.
private final class NodeBox {
    enum Kind { case empty, scalar, sequence, mapping }
    var kind = Kind.empty
    var scalar = YAMLNode.null
    var items: [NodeBox] = []
    var pairs: [(key: String, box: NodeBox)] = []

    func node() -> YAMLNode {
        switch kind {
        case .empty: .mapping([])
        case .scalar: scalar
        case .sequence: .sequence(items.map { $0.node() })
        case .mapping: .mapping(pairs.map { (key: $0.key, value: $0.box.node()) })
        }
    }

    func setScalar(_ node: YAMLNode) {
        (kind, scalar, items, pairs) = (.scalar, node, [], [])
    }

    func becomeMapping() {
        if kind != .mapping { (kind, items, pairs) = (.mapping, [], []) }
    }

    func becomeSequence() {
        if kind != .sequence { (kind, items, pairs) = (.sequence, [], []) }
    }

    func child(forKey key: String) -> NodeBox {
        becomeMapping()
        let child = NodeBox()
        if let index = pairs.firstIndex(where: { $0.key == key }) {
            pairs[index].box = child
        } else {
            pairs.append((key, child))
        }
        return child
    }

    func appendChild() -> NodeBox {
        becomeSequence()
        let child = NodeBox()
        items.append(child)
        return child
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) { (stringValue, intValue) = ("\(index)", index) }
    init?(stringValue: String) { (self.stringValue, intValue) = (stringValue, nil) }
    init?(intValue: Int) { self.init(intValue) }
}

private struct TreeEncoder: Encoder {
    let box: NodeBox
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.becomeMapping()
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.becomeSequence()
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(box: box, codingPath: codingPath)
    }
}

private func encodeValue(_ value: some Encodable, into box: NodeBox, path: [any CodingKey]) throws {
    switch value {
    case let string as String: box.setScalar(.string(string))
    case let bool as Bool: box.setScalar(.boolean(bool))
    case let int as Int: box.setScalar(.integer(Int64(int)))
    case let int as Int64: box.setScalar(.integer(int))
    case let int as Int32: box.setScalar(.integer(Int64(int)))
    case let int as UInt64 where int <= UInt64(Int64.max): box.setScalar(.integer(Int64(int)))
    case let double as Double: box.setScalar(.double(double))
    default: try value.encode(to: TreeEncoder(box: box, codingPath: path))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.child(forKey: key.stringValue).setScalar(.null) }

    // Concrete overloads: statically typed scalars skip the dynamic casts of `encodeValue`.
    mutating func encode(_ value: String, forKey key: Key) throws { box.child(forKey: key.stringValue).setScalar(.string(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.child(forKey: key.stringValue).setScalar(.boolean(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        box.child(forKey: key.stringValue).setScalar(.integer(Int64(value)))
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws { box.child(forKey: key.stringValue).setScalar(.integer(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.child(forKey: key.stringValue).setScalar(.double(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, into: box.child(forKey: key.stringValue), path: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = box.child(forKey: key.stringValue)
        child.becomeMapping()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = box.child(forKey: key.stringValue)
        child.becomeSequence()
        return UnkeyedContainer(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(box: box.child(forKey: "super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(box: box.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]
    var count: Int { box.items.count }

    mutating func encodeNil() throws { box.appendChild().setScalar(.null) }

    mutating func encode(_ value: String) throws { box.appendChild().setScalar(.string(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        try encodeValue(value, into: box.appendChild(), path: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = box.appendChild()
        child.becomeMapping()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = box.appendChild()
        child.becomeSequence()
        return UnkeyedContainer(box: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(box: box.appendChild(), codingPath: codingPath) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.setScalar(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: box, path: codingPath) }
}

/// A string-keyed map written with its keys in byte-wise sorted order, as Go's YAML
/// encoders write maps.
public struct SortedYAMLMap<Value: Encodable & Sendable>: Encodable, Sendable {
    public var entries: [String: Value]

    public init(_ entries: [String: Value]) { self.entries = entries }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: IndexKey.self)
        for key in entries.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            if let value = entries[key], let codingKey = IndexKey(stringValue: key) {
                try container.encode(value, forKey: codingKey)
            }
        }
    }
}
