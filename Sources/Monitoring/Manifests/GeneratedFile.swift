/// One generated file: a path relative to the output directory and its text.
public struct GeneratedFile: Sendable, Equatable {
    /// Relative path with `/` separators, e.g. `rules/monitoring-kthena-alerts.yaml`.
    public var path: String
    public var contents: String

    public init(path: String, contents: String) { (self.path, self.contents) = (path, contents) }
}
