import Foundation
import KubernetesClient
import Testing
@testable import Operator

@Suite("Demo manifest files")
struct ManifestFilesTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-manifests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a directory given through a symbolic link is read like the directory itself")
    func symlinkedDirectory() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let real = root.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n"
            .write(to: real.appendingPathComponent("ns.yaml"), atomically: true, encoding: .utf8)
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let documents = try ManifestFiles.documents(at: link.path)
        #expect(documents.count == 2)
    }

    @Test("a directory without manifests is an error, not an empty demo")
    func emptyDirectory() throws {
        let root = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: ManifestFiles.Failure.self) { try ManifestFiles.documents(at: root.path) }
    }

    @Test("the table shows each object's status figures under its conditions")
    func figures() {
        let status: JSONValue = .object(["sli": .string("99.950%"), "errorBudgetRemaining": .string("90.0%"),
                                         "burnRate1h": .string("0.10")])
        let text = ConditionTable.figures(status, [("SLI", "sli", nil), ("budget", "errorBudgetRemaining", nil),
                                                   ("burn 1h", "burnRate1h", nil)])
        #expect(text == "SLI 99.950% · budget 90.0% · burn 1h 0.10")
        let targets = ConditionTable.figures(.object(["targetsUp": .int(3), "targetsTotal": .int(4)]),
                                             [("targets", "targetsUp", "targetsTotal")])
        #expect(targets == "targets 3/4")
    }
}
