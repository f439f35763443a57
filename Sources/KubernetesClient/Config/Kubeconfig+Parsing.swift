import Foundation
import Yams

extension Kubeconfig {
    /// Parses the text of one kubeconfig file.
    ///
    /// - Parameter file: named in errors, e.g. `/home/a/.kube/config: line 3, column 7: …`.
    /// - Throws: a ``ConfigurationError`` naming the line and column of a YAML syntax error,
    ///   or the field path (`clusters[0].cluster.insecure-skip-tls-verify`) of a value of
    ///   the wrong type.
    public static func parse(_ text: String, file: String?) throws(ConfigurationError) -> Kubeconfig {
        // kubectl treats an empty file as an empty configuration, so do we.
        if text.allSatisfy({ $0.isWhitespace }) { return Kubeconfig() }
        do {
            return try YAMLDecoder().decode(Kubeconfig.self, from: text)
        } catch let error as YamlError {
            throw ConfigurationError(file: file, field: nil, message: describe(error))
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch {
            throw ConfigurationError(file: file, field: nil, message: "cannot parse: \(error)")
        }
    }

    /// Reads and parses one kubeconfig file.
    static func read(file: String) throws(ConfigurationError) -> Kubeconfig {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(file: file, field: nil, message: "cannot read kubeconfig file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: file, field: nil, message: "kubeconfig file is not UTF-8 text")
        }
        return try parse(text, file: file)
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _),
            .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "YAML syntax error at line \(mark.line), column \(mark.column): \(problem)"
        case .reader(let problem, _, _, _):
            return "cannot read YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "duplicate keys \(duplicates.joined(separator: ", ")) in mapping at line "
                + "\(context.mark.line), column \(context.mark.column)"
        default:
            return "YAML error: \(error)"
        }
    }

    private static func describe(_ error: DecodingError, file: String?) -> ConfigurationError {
        // An error about the whole document has no field.
        func fieldPath(_ codingPath: [any CodingKey]) -> String? {
            let path = Kubeconfig.fieldPath(codingPath)
            return path.isEmpty ? nil : path
        }
        switch error {
        case .typeMismatch(let type, let context):
            return ConfigurationError(
                file: file, field: fieldPath(context.codingPath),
                message: "expected \(expectedName(type))")
        case .valueNotFound(let type, let context):
            return ConfigurationError(
                file: file, field: fieldPath(context.codingPath),
                message: "expected \(expectedName(type)), found null")
        case .keyNotFound(let key, let context):
            return ConfigurationError(
                file: file, field: fieldPath(context.codingPath + [key]), message: "is required")
        case .dataCorrupted(let context):
            // Yams reports YAML syntax errors wrapped as corrupted data.
            if let yamlError = context.underlyingError as? YamlError {
                return ConfigurationError(file: file, field: nil, message: describe(yamlError))
            }
            return ConfigurationError(
                file: file, field: fieldPath(context.codingPath), message: context.debugDescription)
        @unknown default:
            return ConfigurationError(file: file, field: nil, message: "cannot decode: \(error)")
        }
    }

    /// Renders a coding path as the kubeconfig field path users know:
    /// `users[0].user.client-key-data`.
    static func fieldPath(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }

    private static func expectedName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Node.Sequence.Type, is [NamedCluster].Type, is [NamedUser].Type, is [NamedContext].Type: "a list"
        case is Node.Scalar.Type: "a single value, not a list or mapping"
        case is Node.Mapping.Type: "a mapping"
        default: "a value of type \(type)"
        }
    }
}
