import Foundation
import KubernetesClient
import Yams

/// Reads YAML manifests from a file or a directory tree (skipping `crds/`), one JSON value
/// per document, for `vigil demo`.
public enum ManifestFiles {
    /// A file that cannot be read or parsed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Every YAML document under `path`, with `file#index` as its source.
    public static func documents(at path: String) throws -> [(source: String, object: JSONValue)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(description: "\(path): no such file or directory")
        }
        var files: [String] = []
        if isDirectory.boolValue {
            // Resolved first: the enumerator does not descend into a directory given as a link.
            let root = URL(fileURLWithPath: path).resolvingSymlinksInPath()
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.lastPathComponent == "crds" { enumerator?.skipDescendants(); continue }
                if ["yaml", "yml"].contains(url.pathExtension) { files.append(url.path) }
            }
        } else {
            files = [path]
        }
        var documents: [(source: String, object: JSONValue)] = []
        for file in files.sorted() {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            do {
                for (index, node) in try Yams.load_all(yaml: text).enumerated() {
                    documents.append(("\(file)#\(index)", json(node)))
                }
            } catch {
                throw Failure(description: "\(file): \(error)")
            }
        }
        if documents.isEmpty {
            throw Failure(description: "\(path): no YAML manifests found (files ending in .yaml or .yml; crds/ is skipped)")
        }
        return documents
    }

    /// Converts what Yams loads (dictionaries, arrays, scalars) to JSON.
    static func json(_ value: Any?) -> JSONValue {
        switch value {
        case nil: return .null
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(Int64(number))
        case let number as Double: return .double(number)
        case let text as String: return .string(text)
        case let items as [Any?]: return .array(items.map(json))
        case let map as [String: Any?]: return .object(map.mapValues(json))
        case let map as [AnyHashable: Any?]:
            return .object(Dictionary(uniqueKeysWithValues: map.map { ("\($0.key)", json($0.value)) }))
        default: return .string("\(value ?? "")")
        }
    }
}
