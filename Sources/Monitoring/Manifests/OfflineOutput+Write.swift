import Foundation

extension OfflineOutput {
    /// Writes every file below `directory`, creating subdirectories, and removes the files in
    /// Vigil's own subdirectories (`rules/`, `dashboards/`) that this output no longer has —
    /// a deleted PrometheusRule must not live on through the `rules/*.yaml` glob. Anything
    /// else in `directory` is left alone. Returns the relative paths removed.
    @discardableResult
    public func write(to directory: URL) throws -> [String] {
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
        let written = Set(files.map(\.path))
        var removed: [String] = []
        for (subdirectory, suffix) in [("rules", ".yaml"), ("dashboards", ".json")] {
            let url = directory.appendingPathComponent(subdirectory)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }   // none yet
            for name in names.sorted() where name.hasSuffix(suffix) && !written.contains("\(subdirectory)/\(name)") {
                try FileManager.default.removeItem(at: url.appendingPathComponent(name))
                removed.append("\(subdirectory)/\(name)")
            }
        }
        return removed
    }
}
