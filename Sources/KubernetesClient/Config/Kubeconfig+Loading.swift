import Foundation

extension Kubeconfig {
    /// Finds, merges and resolves kubeconfig files the way kubectl does, and returns the
    /// configuration for one context.
    ///
    /// Which files are read:
    /// 1. `explicitPath` (`--kubeconfig`) alone, if given; it must exist.
    /// 2. Otherwise every file in `KUBECONFIG` (colon-separated). Files that do not exist are
    ///    skipped, but at least one must. Clusters, users and contexts merge by name and the
    ///    first file that defines a name wins; `current-context` comes from the first file
    ///    that sets it.
    /// 3. Otherwise `$HOME/.kube/config`.
    ///
    /// Relative certificate, key and token paths resolve against the directory of the file
    /// that defined them. `context` (`--context`) overrides `current-context`.
    ///
    /// ```swift
    /// let configuration = try Kubeconfig.load(
    ///     explicitPath: options.kubeconfig,
    ///     environment: ProcessInfo.processInfo.environment,
    ///     context: options.context)
    /// ```
    ///
    /// - Throws: a ``ConfigurationError`` naming the file and field at fault.
    public static func load(
        explicitPath: String?,
        environment: [String: String],
        context: String?
    ) throws(ConfigurationError) -> ClientConfiguration {
        let merged = try loadMerged(explicitPath: explicitPath, environment: environment)
        return try merged.resolve(context: context)
    }

    /// Reads the files chosen by kubectl's rules (see ``load(explicitPath:environment:context:)``)
    /// and merges them, remembering where every entry came from.
    static func loadMerged(
        explicitPath: String?,
        environment: [String: String]
    ) throws(ConfigurationError) -> MergedKubeconfig {
        switch locateFiles(explicitPath: explicitPath, environment: environment) {
        case .notFound(let error):
            throw error
        case .found(let paths):
            var files: [(String, Kubeconfig)] = []
            for path in paths {
                files.append((path, try read(file: path)))
            }
            return MergedKubeconfig(files: files)
        }
    }

    /// The outcome of looking for kubeconfig files.
    enum FileSearch: Sendable {
        /// Files to read, in precedence order (an explicit path is listed even if missing,
        /// so that reading it reports the error).
        case found([String])
        /// No file was given or exists; the error says where we looked.
        case notFound(ConfigurationError)
    }

    static func locateFiles(explicitPath: String?, environment: [String: String]) -> FileSearch {
        if let explicitPath, !explicitPath.isEmpty {
            return .found([explicitPath])
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            let paths = list.split(separator: ":").map(String.init).filter { seen.insert($0).inserted }
            let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
            guard !existing.isEmpty else {
                return .notFound(
                    ConfigurationError(
                        file: nil, field: "KUBECONFIG",
                        message: "none of the listed files exists (\(paths.joined(separator: ", ")))"))
            }
            return .found(existing)
        }
        guard let home = environment["HOME"], !home.isEmpty else {
            return .notFound(
                ConfigurationError(
                    file: nil, field: nil,
                    message: "no kubeconfig: neither --kubeconfig nor KUBECONFIG is set, and HOME is not set"))
        }
        let path = URL(fileURLWithPath: home).appendingPathComponent(".kube/config").path
        guard FileManager.default.fileExists(atPath: path) else {
            return .notFound(
                ConfigurationError(
                    file: path, field: nil,
                    message: "no kubeconfig: file does not exist and neither --kubeconfig nor KUBECONFIG is set"))
        }
        return .found([path])
    }
}

/// Several kubeconfig files merged by kubectl's first-wins rules. Each entry keeps the
/// file and list index it came from, for relative paths and error messages.
struct MergedKubeconfig: Sendable {
    /// A value from one file, with where it was found.
    struct Located<Value: Sendable>: Sendable {
        var value: Value
        /// The kubeconfig file that defined the value.
        var file: String
        /// Index in that file's `clusters`/`users`/`contexts` list.
        var index: Int
    }

    /// Files that were read, in precedence order.
    var files: [String] = []
    var clusters: [String: Located<Kubeconfig.Cluster>] = [:]
    var users: [String: Located<Kubeconfig.User>] = [:]
    var contexts: [String: Located<Kubeconfig.Context>] = [:]
    var currentContext: (name: String, file: String)?

    init(files: [(path: String, config: Kubeconfig)]) {
        for (path, config) in files {
            self.files.append(path)
            // Within one file a repeated name replaces the earlier entry (as client-go's
            // list-to-map conversion does); across files the first file keeps its entry.
            var fileClusters: [String: Located<Kubeconfig.Cluster>] = [:]
            for (index, entry) in config.clusters.enumerated() {
                fileClusters[entry.name] = Located(value: entry.cluster, file: path, index: index)
            }
            clusters.merge(fileClusters) { first, _ in first }
            var fileUsers: [String: Located<Kubeconfig.User>] = [:]
            for (index, entry) in config.users.enumerated() {
                fileUsers[entry.name] = Located(value: entry.user, file: path, index: index)
            }
            users.merge(fileUsers) { first, _ in first }
            var fileContexts: [String: Located<Kubeconfig.Context>] = [:]
            for (index, entry) in config.contexts.enumerated() {
                fileContexts[entry.name] = Located(value: entry.context, file: path, index: index)
            }
            contexts.merge(fileContexts) { first, _ in first }
            if currentContext == nil, let name = config.currentContext {
                currentContext = (name, path)
            }
        }
    }

    /// The file named in errors that concern the merged whole rather than one entry.
    var primaryFile: String? { files.first }
}
