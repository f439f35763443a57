import Foundation
import Testing
import VigilTestSupport

/// One OpenMetrics parser case from `shared/conformance/openmetrics/parsers/<name>/`.
struct OpenMetricsCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: [UInt8]
    var shouldParse: Bool
    var comment: String?

    var testDescription: String { name }

    private struct Descriptor: Decodable {
        var type: String
        var file: String
        var shouldParse: Bool
        var comment: String?
    }

    static var directory: URL { SharedData.url("conformance/openmetrics/parsers") }

    /// Every case, sorted by name. A missing directory yields no cases (the table test
    /// then fails on its count check rather than crashing).
    static func all() -> [OpenMetricsCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = directory.appendingPathComponent(name)
            guard let json = FileManager.default.contents(atPath: folder.appendingPathComponent("test.json").path),
                  let descriptor = try? JSONDecoder().decode(Descriptor.self, from: json),
                  descriptor.type == "text",
                  let input = FileManager.default.contents(atPath: folder.appendingPathComponent(descriptor.file).path)
            else { return nil }
            return OpenMetricsCase(
                name: name, input: Array(input), shouldParse: descriptor.shouldParse, comment: descriptor.comment)
        }
    }
}

/// Real-world inputs under `shared/conformance/textparse/`.
enum TextparseData {
    static var directory: URL { SharedData.url("conformance/textparse") }

    static func bytes(_ relativePath: String) -> [UInt8]? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(relativePath).path).map(Array.init)
    }

    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent(folder).path)) ?? []
        return names.sorted().map { "\(folder)/\($0)" }
    }
}
