/// Decodes `Decodable` values from a `JSONValue` tree and records which object members the
/// type read, so that `RetainedFields` can keep the members it did not understand.
final class JSONTreeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let recorder: FieldRecorder
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, codingPath: [any CodingKey], recorder: FieldRecorder) {
        self.value = value
        self.codingPath = codingPath
        self.recorder = recorder
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw DecodingError.typeMismatch(
                [String: JSONValue].self,
                .init(codingPath: codingPath, debugDescription: "expected an object, found \(value.kindName)"))
        }
        let pathKey = FieldRecorder.pathKey(codingPath)
        recorder.markObject(pathKey)
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, members: members, pathKey: pathKey))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else {
            throw DecodingError.typeMismatch(
                [JSONValue].self,
                .init(codingPath: codingPath, debugDescription: "expected an array, found \(value.kindName)"))
        }
        return UnkeyedContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleContainer(decoder: self) }

    func child(_ value: JSONValue, key: any CodingKey) -> JSONTreeDecoder {
        JSONTreeDecoder(value: value, codingPath: codingPath + [key], recorder: recorder)
    }

    func decodeScalar<T: Decodable>(_ type: T.Type) throws -> T {
        let result: Any?
        switch (value, type) {
        case (.string(let s), is String.Type): result = s
        case (.bool(let b), is Bool.Type): result = b
        case (.int(let i), is Int.Type): result = Int(exactly: i)
        case (.int(let i), is Int64.Type): result = i
        case (.int(let i), is Int32.Type): result = Int32(exactly: i)
        case (.int(let i), is UInt16.Type): result = UInt16(exactly: i)
        case (.int(let i), is UInt64.Type): result = UInt64(exactly: i)
        case (.int(let i), is UInt32.Type): result = UInt32(exactly: i)
        case (.int(let i), is Double.Type): result = Double(i)
        case (.double(let d), is Double.Type): result = d
        case (.double(let d), is Int.Type): result = Int(exactly: d)
        case (.double(let d), is Int64.Type): result = Int64(exactly: d)
        case (.double(let d), is Int32.Type): result = Int32(exactly: d)
        default:
            if type is String.Type || type is Bool.Type || type is Double.Type || type is Int.Type
                || type is Int64.Type || type is Int32.Type || type is UInt16.Type || type is UInt32.Type
                || type is UInt64.Type
            {
                result = nil
            } else {
                return try T(from: self)
            }
        }
        guard let typed = result as? T else {
            throw DecodingError.typeMismatch(
                T.self, .init(codingPath: codingPath, debugDescription: "expected \(T.self), found \(value.kindName)"))
        }
        return typed
    }
}

extension JSONValue {
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// The member names each object in a decoded tree had read, by coding path.
final class FieldRecorder {
    private(set) var readKeys: [String: Set<String>] = [:]

    static func pathKey(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "#\($0)" } ?? $0.stringValue }.joined(separator: "\u{1}")
    }

    func markObject(_ pathKey: String) {
        if readKeys[pathKey] == nil { readKeys[pathKey] = [] }
    }

    func markRead(_ member: String, at pathKey: String) {
        readKeys[pathKey, default: []].insert(member)
    }
}

struct TreeCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONTreeDecoder
    let members: [String: JSONValue]
    /// The recorder's key for this object, computed once rather than per member.
    let pathKey: String
    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        for name in members.keys { decoder.recorder.markRead(name, at: pathKey) }
        return members.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValue {
        decoder.recorder.markRead(key.stringValue, at: pathKey)
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "missing required field \"\(key.stringValue)\""))
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.recorder.markRead(key.stringValue, at: pathKey)
        guard let value = members[key.stringValue] else { return true }
        return value == .null
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.child(try member(key), key: key).decodeScalar(type)
    }

    // Direct paths for the common primitives: no dynamic casts, no child decoder.
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        let value = try member(key)
        guard case .string(let text) = value else { throw mismatch(String.self, value, key) }
        return text
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        let value = try member(key)
        guard case .bool(let flag) = value else { throw mismatch(Bool.self, value, key) }
        return flag
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        decoder.recorder.markRead(key.stringValue, at: pathKey)
        switch members[key.stringValue] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let value?: throw mismatch(String.self, value, key)
        }
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        decoder.recorder.markRead(key.stringValue, at: pathKey)
        switch members[key.stringValue] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let value?: throw mismatch(Bool.self, value, key)
        }
    }

    private func mismatch(_ type: Any.Type, _ value: JSONValue, _ key: Key) -> DecodingError {
        DecodingError.typeMismatch(
            type, .init(codingPath: codingPath + [key], debugDescription: "expected \(type), found \(value.kindName)"))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        decoder.recorder.markRead(key.stringValue, at: pathKey)
        guard let value = members[key.stringValue], value != .null else { return nil }
        return try decoder.child(value, key: key).decodeScalar(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decoder.child(try member(key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(try member(key), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder.child(try member(key), key: key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: JSONTreeDecoder
    let elements: [JSONValue]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> (JSONValue, TreeCodingKey) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                JSONValue.self, .init(codingPath: codingPath, debugDescription: "array ended early"))
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], TreeCodingKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, key) = try next()
        return try decoder.child(value, key: key).decodeScalar(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, key) = try next()
        return try decoder.child(value, key: key).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, key) = try next()
        return try decoder.child(value, key: key).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, key) = try next()
        return decoder.child(value, key: key)
    }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let decoder: JSONTreeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    func decodeNil() -> Bool { decoder.value == .null }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeScalar(type) }
}
