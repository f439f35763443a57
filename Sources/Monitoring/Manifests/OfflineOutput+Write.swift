import Foundation

extension OfflineOutput {
    /// Writes every file below `directory`, creating subdirectories. Files already there
    /// that Vigil did not produce this time are left alone.
    public func write(to directory: URL) throws {
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url, options: .atomic)
        }
    }
}
