import Foundation

/// Locates `../shared/` (conformance data, schemas, tools) beside the repository clone.
/// Tests read conformance data from there at run time; it is never copied into the repo.
public enum SharedData {
    /// The repository root, found by walking up from this source file to `Package.swift`.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// `../shared` relative to the repository root, or `VIGIL_SHARED_DIR` when set.
    public static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["VIGIL_SHARED_DIR"] {
            return URL(fileURLWithPath: override)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }()

    /// A path inside `shared/`, e.g. `url("conformance/promql/testdata")`.
    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// True when running under CI (`CI=true`): there a missing oracle or data set is a
    /// failure, never a silent skip.
    public static var isCI: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true"
    }
}
