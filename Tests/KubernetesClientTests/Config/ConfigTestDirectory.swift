import Foundation

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct ConfigTestDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `contents` to `relativePath`, creating intermediate directories.
    @discardableResult
    func write(_ relativePath: String, _ contents: some DataProtocol) throws -> String {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents).write(to: file)
        return file.path
    }

    @discardableResult
    func write(_ relativePath: String, text: String) throws -> String {
        try write(relativePath, Data(text.utf8))
    }

    func remove() {
        // Best effort: a leftover temporary directory must not fail a test.
        _ = try? FileManager.default.removeItem(at: url)
    }
}
