import Foundation
import Monitoring
import Testing
import VigilTestSupport

/// Mutated manifests must never crash decoding, validation, generation or emission.
@Suite("ServiceMonitor robustness")
struct ServiceMonitorFuzzTests {
    /// Seeded, so a failure reproduces (shared generator from VigilTestSupport).
    typealias SeededRandom = SplitMix64

    static let fragments = [
        "(", ")", "[", "]", "{", "}", ":", "-", " ", "\n", "\"", "'", "#", "*", "&", "!", "|", ">", "0", "-1",
        "1e400", "true", "null", "~", "port", "targetPort", "regex", "(?=x)", "\\1", "$1", "${", "é", "\t", ",",
        "99999999999999999999", "selector", "matchExpressions", "operator", "In", "values", "endpoints",
    ]

    @Test("randomly mutated golden inputs never crash the pipeline", arguments: 0..<4)
    func mutatedInputsDoNotCrash(seed: UInt64) throws {
        var random = SeededRandom(state: seed &* 7919)
        let inputs = try ScrapeGoldenCase.all().map { try $0.text("input.yaml") }
        for _ in 0..<150 {
            guard var text = inputs.randomElement(using: &random).map(Array.init) else { continue }
            for _ in 0..<Int.random(in: 1...4, using: &random) where !text.isEmpty {
                let position = Int.random(in: 0..<text.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: text.remove(at: position)
                case 1: text.insert(contentsOf: Self.fragments.randomElement(using: &random) ?? "", at: position)
                default: text[position] = Character(Self.fragments.randomElement(using: &random)?.first.map(String.init) ?? "x")
                }
            }
            exercise(String(text))
        }
    }

    private func exercise(_ text: String) {
        for document in text.components(separatedBy: "\n---\n") {
            guard let monitor = try? ServiceMonitor(yaml: document) else { continue }  // decode errors are the expected outcome
            let generation = ScrapeConfigGenerator.generate([monitor], options: GeneratorOptions())
            _ = try? OrderedYAML.emit(generation.jobs)  // emission of generated jobs cannot fail; nothing to assert
            _ = ScrapeConfigGenerator.jobs(for: monitor, options: GeneratorOptions())
        }
    }
}
