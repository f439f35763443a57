import Foundation

extension ManifestLoader {
    /// Reads `path`: a file, a directory (every `.yaml`, `.yml` and `.json` below it, in
    /// sorted path order, hidden entries skipped), or `-` for `standardInput()`. A path that
    /// cannot be read becomes a problem, like a bad document.
    public static func load(path: String, standardInput: () -> String = ManifestLoader.readStandardInput) -> ManifestSet {
        if path == "-" { return parse(standardInput(), file: "-") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return unreadable(path, "no such file or directory")
        }
        guard isDirectory.boolValue else { return loadFile(path) }
        var set = ManifestSet()
        for file in manifestFiles(under: path) { set.append(loadFile(file)) }
        return set
    }

    /// Standard input, read to its end.
    public static func readStandardInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }

    private static func loadFile(_ path: String) -> ManifestSet {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else { return unreadable(path, "not UTF-8 text") }
            return parse(text, file: path)
        } catch {
            return unreadable(path, "cannot read: \(error.localizedDescription)")
        }
    }

    private static func unreadable(_ path: String, _ message: String) -> ManifestSet {
        var set = ManifestSet()
        set.problems.append(ManifestProblem(location: ManifestLocation(file: path, document: 0, line: nil),
                                            object: nil, field: "", message: message))
        return set
    }

    /// Manifest files below `directory`, sorted so output does not depend on the file system.
    private static func manifestFiles(under directory: String) -> [String] {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        // The enumerator does not descend into a symbolic link given as the root.
        let resolved = URL(fileURLWithPath: base).resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(atPath: resolved) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            guard [".yaml", ".yml", ".json"].contains(where: { relative.hasSuffix($0) }) else { continue }
            var isDirectory: ObjCBool = false
            let full = "\(base)/\(relative)"
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }
}
