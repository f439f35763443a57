#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `filepath.Glob` for `rule_files`: matching paths in sorted order, the path itself
/// when it has no pattern characters and exists, nothing otherwise.
public enum FileGlob {
    /// Paths matching `pattern` (`*`, `?`, `[...]`), sorted; empty when none match.
    public static func paths(matching pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths.sorted()
    }
}
