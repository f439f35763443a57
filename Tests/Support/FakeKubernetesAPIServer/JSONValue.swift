import Foundation

/// A JSON document as the fake API server stores it.
///
/// Integers stay `Int64`, distinct from doubles, so `resourceVersion`, `generation` and
/// similar counters survive a round trip exactly.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The members of an object, or nil for any other value.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements of an array, or nil for any other value.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text of a string, or nil for any other value.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of an integer, or nil for any other value.
    public var intValue: Int64? {
        if case .int(let number) = self { return number }
        return nil
    }

    /// The value of a boolean, or nil for any other value.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// Reads or writes one member of an object. Reading from a non-object gives nil;
    /// writing to a non-object turns it into an object; writing nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get { objectValue?[key] }
        set {
            var members = objectValue ?? [:]
            members[key] = newValue
            self = .object(members)
        }
    }

    /// The value at a path of object keys, or nil where any step is missing.
    public func value(at path: [String]) -> JSONValue? {
        var current = self
        for key in path {
            guard let next = current[key] else { return nil }
            current = next
        }
        return current
    }

    /// Sets (or, with nil, removes) the value at a path of object keys, creating
    /// intermediate objects as needed.
    public mutating func setValue(_ value: JSONValue?, at path: [String]) {
        guard let first = path.first else {
            self = value ?? .null
            return
        }
        if path.count == 1 {
            self[first] = value
            return
        }
        var child = self[first] ?? .object([:])
        if child.objectValue == nil { child = .object([:]) }
        child.setValue(value, at: Array(path.dropFirst()))
        self[first] = child
    }
}

extension JSONValue: Codable {
    /// Decoding through `Codable` must guess each value's type by trial, which is slow;
    /// `JSONValue.decode(_:)` parses bytes directly and should be preferred.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let elements = try? container.decode([JSONValue].self) {
            self = .array(elements)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .int(let number): try container.encode(number)
        case .double(let number): try container.encode(number)
        case .string(let text): try container.encode(text)
        case .array(let elements): try container.encode(elements)
        case .object(let members): try container.encode(members)
        }
    }
}

/// Literals make test fixtures readable. Beware `nil`: where a `JSONValue?` is expected
/// it means "absent", where a `JSONValue` is expected it means JSON `null`.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension JSONValue {
    /// Compact JSON with sorted keys, so equal values always encode to equal bytes.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON primitive, except a
        // non-finite double, which we write as null rather than failing a response.
        return (try? encoder.encode(self.replacingNonFiniteNumbers())) ?? Data("null".utf8)
    }

    /// Parses JSON bytes strictly; the error names the byte offset.
    public static func decode(_ data: Data) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(data)
    }

    private func replacingNonFiniteNumbers() -> JSONValue {
        switch self {
        case .double(let number) where !number.isFinite: return .null
        case .array(let elements): return .array(elements.map { $0.replacingNonFiniteNumbers() })
        case .object(let members): return .object(members.mapValues { $0.replacingNonFiniteNumbers() })
        default: return self
        }
    }
}
