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
private final class NodeBox {
    enum Content {
        case empty
        case scalar(YAMLNode)
        case sequence([NodeBox])
        case mapping([(String, NodeBox)])
    }
    var content = Content.empty

    func node() -> YAMLNode {
        switch content {
        case .empty: .mapping([])
        case .scalar(let node): node
        case .sequence(let boxes): .sequence(boxes.map { $0.node() })
        case .mapping(let pairs): .mapping(pairs.map { (key: $0.0, value: $0.1.node()) })
        }
    }

    func child(forKey key: String) -> NodeBox {
        let child = NodeBox()
        var pairs: [(String, NodeBox)] = []
        if case .mapping(let existing) = content { pairs = existing }
        if let index = pairs.firstIndex(where: { $0.0 == key }) {
            pairs[index].1 = child
        } else {
            pairs.append((key, child))
        }
        content = .mapping(pairs)
        return child
    }

    func appendChild() -> NodeBox {
        let child = NodeBox()
        var items: [NodeBox] = []
        if case .sequence(let existing) = content { items = existing }
        items.append(child)
        content = .sequence(items)
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
        if case .mapping = box.content {} else { box.content = .mapping([]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .sequence = box.content {} else { box.content = .sequence([]) }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(box: box, codingPath: codingPath)
    }
}

private func encodeValue(_ value: some Encodable, into box: NodeBox, path: [any CodingKey]) throws {
    switch value {
    case let string as String: box.content = .scalar(.string(string))
    case let bool as Bool: box.content = .scalar(.boolean(bool))
    case let int as Int: box.content = .scalar(.integer(Int64(int)))
    case let int as Int64: box.content = .scalar(.integer(int))
    case let int as Int32: box.content = .scalar(.integer(Int64(int)))
    case let int as UInt64 where int <= UInt64(Int64.max): box.content = .scalar(.integer(Int64(int)))
    case let double as Double: box.content = .scalar(.double(double))
    default: try value.encode(to: TreeEncoder(box: box, codingPath: path))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.child(forKey: key.stringValue).content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, into: box.child(forKey: key.stringValue), path: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = box.child(forKey: key.stringValue)
        child.content = .mapping([])
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = box.child(forKey: key.stringValue)
        child.content = .sequence([])
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
    var count: Int {
        if case .sequence(let items) = box.content { return items.count }
        return 0
    }

    mutating func encodeNil() throws { box.appendChild().content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        try encodeValue(value, into: box.appendChild(), path: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = box.appendChild()
        child.content = .mapping([])
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = box.appendChild()
        child.content = .sequence([])
        return UnkeyedContainer(box: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(box: box.appendChild(), codingPath: codingPath) }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let box: NodeBox
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.content = .scalar(.null) }
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
