/// JSON Patch (RFC 6902): a list of add, remove, replace, move, copy and test operations
/// addressed by JSON Pointers (RFC 6901).
enum JSONPatch {
    /// Why a patch could not be applied; `message` reads like kube-apiserver's.
    struct Failure: Error {
        var message: String
    }

    static func apply(_ patch: JSONValue, to document: JSONValue) throws(Failure) -> JSONValue {
        guard let operations = patch.arrayValue else { throw Failure(message: "a JSON patch must be an array") }
        var result = document
        for (index, operation) in operations.enumerated() {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw Failure(message: "operation \(index) needs string members 'op' and 'path'")
            }
            let pointer = try parsePointer(path)
            switch op {
            case "add":
                result = try insert(try member("value", of: operation), at: pointer, in: result, replacing: false)
            case "replace":
                _ = try value(at: pointer, in: result)
                result = try insert(try member("value", of: operation), at: pointer, in: result, replacing: true)
            case "remove":
                result = try remove(at: pointer, from: result)
            case "test":
                guard try value(at: pointer, in: result) == (try member("value", of: operation)) else {
                    throw Failure(message: "testing value \(path) failed: test failed")
                }
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else {
                    throw Failure(message: "operation \(index) (\(op)) needs a string member 'from'")
                }
                let source = try parsePointer(from)
                let moved = try value(at: source, in: result)
                if op == "move" { result = try remove(at: source, from: result) }
                result = try insert(moved, at: pointer, in: result, replacing: false)
            default:
                throw Failure(message: "unexpected operation \"\(op)\"")
            }
        }
        return result
    }

    private static func member(_ name: String, of operation: JSONValue) throws(Failure) -> JSONValue {
        guard let value = operation[name] else { throw Failure(message: "operation is missing '\(name)'") }
        return value
    }

    private static func parsePointer(_ text: String) throws(Failure) -> [String] {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else { throw Failure(message: "JSON pointer \"\(text)\" must start with '/'") }
        return text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func value(at pointer: [String], in document: JSONValue) throws(Failure) -> JSONValue {
        var current = document
        for token in pointer {
            if let members = current.objectValue, let next = members[token] {
                current = next
            } else if let elements = current.arrayValue, let index = Int(token), elements.indices.contains(index) {
                current = elements[index]
            } else {
                throw Failure(message: "the path \"/\(pointer.joined(separator: "/"))\" does not exist")
            }
        }
        return current
    }

    private static func insert(_ value: JSONValue, at pointer: [String], in document: JSONValue, replacing: Bool)
        throws(Failure) -> JSONValue
    {
        guard let token = pointer.first else { return value }
        let rest = Array(pointer.dropFirst())
        if var members = document.objectValue {
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else {
                    throw Failure(message: "the path \"\(token)\" does not exist")
                }
                members[token] = try insert(value, at: rest, in: child, replacing: replacing)
            }
            return .object(members)
        }
        guard var elements = document.arrayValue else {
            throw Failure(message: "cannot address \"\(token)\" inside a scalar")
        }
        let index = token == "-" ? elements.count : Int(token) ?? -1
        guard index >= 0, index <= elements.count else { throw Failure(message: "array index \(token) is out of range") }
        if !rest.isEmpty {
            guard index < elements.count else { throw Failure(message: "array index \(token) is out of range") }
            elements[index] = try insert(value, at: rest, in: elements[index], replacing: replacing)
        } else if replacing {
            guard index < elements.count else { throw Failure(message: "array index \(token) is out of range") }
            elements[index] = value
        } else {
            elements.insert(value, at: index)
        }
        return .array(elements)
    }

    private static func remove(at pointer: [String], from document: JSONValue) throws(Failure) -> JSONValue {
        guard let token = pointer.first else { throw Failure(message: "cannot remove the whole document") }
        let rest = Array(pointer.dropFirst())
        if var members = document.objectValue {
            guard let child = members[token] else { throw Failure(message: "the path \"\(token)\" does not exist") }
            if rest.isEmpty {
                members.removeValue(forKey: token)
            } else {
                members[token] = try remove(at: rest, from: child)
            }
            return .object(members)
        }
        guard var elements = document.arrayValue, let index = Int(token), elements.indices.contains(index) else {
            throw Failure(message: "the path \"\(token)\" does not exist")
        }
        if rest.isEmpty {
            elements.remove(at: index)
        } else {
            elements[index] = try remove(at: rest, from: elements[index])
        }
        return .array(elements)
    }
}
