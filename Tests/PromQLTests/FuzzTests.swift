import Testing
@testable import PromQL
import VigilTestSupport

/// Seeded, so a failure reproduces (the shared generator from VigilTestSupport).
typealias SeededGenerator = SplitMix64

/// Random edits of valid queries: insert, delete, replace, duplicate and swap characters.
struct Mutator {
    static let pieces: [String] = "(){}[],:@=!~<>+-*/%^\"'`\\#.0123456789eExXsmhdwy_aZ é\n\t".map(String.init)
        + ["offset ", " by ", "without", " bool ", " on(", "group_left", "sum(", "rate(", "[5m:]", "Inf", "1e", "0x"]

    var generator: SeededGenerator

    mutating func mutate(_ input: String) -> String {
        var characters = Array(input)
        let edits = Int.random(in: 1...3, using: &generator)
        for _ in 0..<edits {
            let position = characters.isEmpty ? 0 : Int.random(in: 0..<characters.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0:
                characters.insert(contentsOf: Array(Self.pieces.randomElement(using: &generator) ?? "x"), at: position)
            case 1 where !characters.isEmpty:
                characters.remove(at: position)
            case 2 where !characters.isEmpty:
                characters.replaceSubrange(position...position,
                                           with: Array(Self.pieces.randomElement(using: &generator) ?? "x"))
            case 3 where !characters.isEmpty:
                let end = min(characters.count, position + Int.random(in: 1...8, using: &generator))
                characters.insert(contentsOf: characters[position..<end], at: position)
            default:
                if characters.count > 1 {
                    let other = Int.random(in: 0..<characters.count, using: &generator)
                    characters.swapAt(position, other)
                }
            }
        }
        return String(characters)
    }
}

@Suite("Fuzzing and limits")
struct FuzzTests {
    @Test("random mutations of the conformance queries never crash, and every outcome is well-formed")
    func mutations() throws {
        let seeds = try ConformanceExpression.all().map(\.query)
        var mutator = Mutator(generator: SeededGenerator(state: 42))
        var accepted = 0
        var rejected = 0
        for round in 0..<12 {
            for seed in seeds {
                let input = mutator.mutate(seed)
                do {
                    let tree = try Parser.parse(input)
                    accepted += 1
                    // Whatever parses must print to something that parses to the same tree.
                    let printed = tree.description
                    let again = try Parser.parse(printed)
                    #expect(again.normalized == tree.normalized, "round \(round): \(input) printed as \(printed)")
                } catch {
                    rejected += 1
                    let length = input.utf8.count
                    #expect(error.range.start >= 0 && error.range.start <= length, "\(input): \(error)")
                    #expect(error.location.line >= 1 && error.location.column >= 1, "\(input): \(error)")
                    #expect(error.description.contains(": parse error: "))
                }
            }
        }
        #expect(accepted + rejected == seeds.count * 12)
        #expect(rejected > 0 && accepted > 0)
    }

    @Test("deep nesting is rejected with a clear error instead of exhausting the stack", arguments: [
        String(repeating: "(", count: 10_000) + "x" + String(repeating: ")", count: 10_000),
        String(repeating: "-", count: 10_000) + "x",
        String(repeating: "sum(", count: 10_000) + "x" + String(repeating: ")", count: 10_000),
        String(repeating: "1 ^ ", count: 10_000) + "1",
        String(repeating: "x + ", count: 10_000) + "x",
        "x" + String(repeating: "[5m:]", count: 10_000),
        String(repeating: "(", count: 10_000),
    ])
    func deepNesting(_ input: String) {
        do {
            _ = try Parser.parse(input)
            Issue.record("accepted \(input.prefix(20))…")
        } catch {
            #expect(error.description.contains("parse error"))
        }
    }

    @Test("nesting up to the limit is accepted")
    func nestingAtTheLimit() throws {
        let depth = Parser.defaultMaximumDepth - 1
        let input = String(repeating: "(", count: depth) + "x" + String(repeating: ")", count: depth)
        let tree = try Parser.parse(input)
        #expect(tree.description == input)
        let chain = Array(repeating: "x", count: depth).joined(separator: " + ")
        #expect(try Parser.parse(chain).description == chain)
    }
}
