import Foundation
import Testing
@testable import Monitoring

/// Bad input must never crash: the examples, cut and spliced at random (seeded, so failures
/// reproduce), go through the loader and the renderer. Whatever is wrong must come back as
/// positioned problems.
@Suite("Mutated manifests never crash the loader or the renderer")
struct ManifestMutationTests {
    /// SplitMix64: a small deterministic generator.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = ["{{", "}}", "[", "]", ":", "- ", "\n", "  ", "\"", "'", "(", ")", "{", "}", "#", "&a", "*a",
                            "expr: ", "for: x", "0", "-1", "\t", "é", "\u{0}", "---\n", "sum(", "[5m]", "by (x)"]

    static func mutate(_ text: String, using generator: inout Generator) -> String {
        var characters = Array(text)
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            guard !characters.isEmpty else { break }
            let position = Int.random(in: 0..<characters.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                let end = min(characters.count, position + Int.random(in: 1...20, using: &generator))
                characters.removeSubrange(position..<end)
            case 1:
                let fragment = fragments[Int.random(in: 0..<fragments.count, using: &generator)]
                characters.insert(contentsOf: fragment, at: position)
            default:
                let other = Int.random(in: 0..<characters.count, using: &generator)
                characters.swapAt(position, other)
            }
        }
        return String(characters)
    }

    @Test("400 mutations of the examples load and render with problems, not crashes")
    func mutations() throws {
        let examples = try OfflineRendererTests.examplesText()
        var generator = Generator(state: 42)
        var withProblems = 0
        for round in 0..<400 {
            let (name, text) = examples[round % examples.count]
            let mutated = Self.mutate(text, using: &generator)
            // Every other round with dashboards, so their generator sees broken objects too.
            let output = OfflineRenderer.render(ManifestLoader.parse(mutated, file: name),
                                                options: round % 2 == 0 ? .default : OfflineRenderOptions(dashboards: nil))
            if !output.problems.isEmpty { withProblems += 1 }
            for problem in output.problems { #expect(problem.location.file == name) }
        }
        // Most cuts break something; if none did, the mutations are not reaching the parser.
        #expect(withProblems > 100)
    }
}
