import Foundation
import Testing
import Yams
@testable import Monitoring

/// A golden case: `Golden/slo/<name>/input.yaml` (SLO manifests) and `expected.yaml`
/// (the rule file). Set `VIGIL_UPDATE_GOLDEN=1` to rewrite `expected.yaml` for review.
struct SLOGoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// Sloth-compatible style for cases named `sloth-*`, Vigil's style otherwise.
    var options: SLOGenerationOptions {
        name.hasPrefix("sloth-") ? .slothCompatible : .vigil
    }
    var testDescription: String { name }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/slo")

    static func all() throws -> [SLOGoldenCase] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/input.yaml").path) }
            .sorted()
            .map(SLOGoldenCase.init(name:))
    }

    func read(_ file: String) throws -> String {
        try String(contentsOf: Self.directory.appendingPathComponent("\(name)/\(file)"), encoding: .utf8)
    }

    /// Decodes, validates and generates the rule file for `input.yaml`.
    func generate() throws -> String {
        let definitions = try SLOTestInputs.definitions(yaml: read("input.yaml"), options: options)
        return SLORuleGenerator.generate(definitions, options: options).yaml()
    }
}

enum SLOTestInputs {
    /// Definitions of every SLO manifest in `yaml`.
    static func definitions(yaml: String, options: SLOGenerationOptions) throws -> [SLODefinition] {
        try SLOManifestDecoder.decode(yaml: yaml).flatMap { manifest -> [SLODefinition] in
            switch manifest {
            case .serviceLevel(let object): [try SLOValidator.definition(of: object, options: options)]
            case .prometheusServiceLevel(let object): try SLOValidator.definitions(of: object, options: options)
            }
        }
    }
}
