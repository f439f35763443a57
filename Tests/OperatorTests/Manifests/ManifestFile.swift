import Foundation
import Testing
import VigilTestSupport
import Yams

/// A shipped manifest (under crds/, deploy/, charts/) read as plain YAML trees, with the
/// small look-ups the manifest tests need.
struct ManifestFile {
    let path: String
    let documents: [[String: Any]]

    /// Reads every YAML document of `path` (relative to the repository root).
    init(_ path: String) throws {
        self.path = path
        let text = try String(contentsOf: Self.url(path), encoding: .utf8)
        var sequence = try Yams.load_all(yaml: text)
        var documents: [[String: Any]] = []
        while let document = sequence.next() {
            if let mapping = document as? [String: Any] { documents.append(mapping) }
        }
        if let error = sequence.error { throw error }
        self.documents = documents
    }

    static func url(_ path: String) -> URL {
        SharedData.repositoryRoot.appendingPathComponent(path)
    }

    /// The only document of kind `kind`.
    func object(kind: String) throws -> [String: Any] {
        let matches = documents.filter { $0["kind"] as? String == kind }
        try #require(matches.count == 1, "\(path) should hold exactly one \(kind)")
        return matches[0]
    }

    /// Follows a dotted path such as `spec.template.spec.containers[0].args` through a tree.
    static func value(_ tree: Any?, _ path: String) -> Any? {
        var current = tree
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), part.last == "]" {
                name = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            if !name.isEmpty { current = (current as? [String: Any])?[String(name)] }
            if let index {
                guard let array = current as? [Any], array.indices.contains(index) else { return nil }
                current = array[index]
            }
        }
        return current
    }
}
