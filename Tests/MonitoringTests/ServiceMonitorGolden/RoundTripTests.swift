import Foundation
import Monitoring
import Testing
import Yams

/// The emitted text must read back (with an independent YAML parser) as exactly the tree
/// that was encoded: same types, same strings, same key order.
@Suite("Generated YAML reads back as the encoded tree")
struct RoundTripTests {
    @Test("every golden document round-trips through Yams", arguments: try ScrapeGoldenCase.all())
    func documentRoundTrips(_ golden: ScrapeGoldenCase) throws {
        let (monitors, secrets) = try golden.inputs()
        let document = ScrapeConfigGenerator.document(monitors, options: try golden.options(), secrets: secrets).document
        let tree = try OrderedYAMLEncoder().encode(document)
        let parsed = try #require(try Yams.compose(yaml: OrderedYAML.emit(tree)))
        #expect(Self.mismatch(tree, parsed, path: "") == nil, "\(Self.mismatch(tree, parsed, path: "") ?? "")")
    }

    @Test("awkward strings round-trip inside a job")
    func awkwardStrings() throws {
        let awkward = ["", "true", "no", "0", "007", "1e3", "a: b", "- x", "#c", " lead", "trail ", "'", "\"", "\\",
                       "tab\tin", "line\nbreak", "é ünïcode", "{x}", "[y]", "*z", "&a", "!b", "%c", "@d", "`e",
                       String(repeating: "long words ", count: 20)]
        let node: YAMLNode = .sequence(awkward.map { .mapping([(key: "replacement", value: .string($0))]) })
        let parsed = try #require(try Yams.compose(yaml: OrderedYAML.emit(node)))
        #expect(Self.mismatch(node, parsed, path: "") == nil, "\(Self.mismatch(node, parsed, path: "") ?? "")")
    }

    /// A description of the first difference, or nil.
    static func mismatch(_ expected: YAMLNode, _ actual: Node, path: String) -> String? {
        switch (expected, actual) {
        case (.string(let text), .scalar(let scalar)):
            let isString = scalar.style != .plain || Resolver.default.resolveTag(of: actual) == .str
            return isString && scalar.string == text ? nil : "\(path): expected string \(text.debugDescription), got \(scalar.string.debugDescription)"
        case (.integer(let value), .scalar(let scalar)):
            return scalar.style == .plain && Int64(scalar.string) == value ? nil : "\(path): expected \(value)"
        case (.boolean(let value), .scalar(let scalar)):
            return scalar.style == .plain && scalar.string == (value ? "true" : "false") ? nil : "\(path): expected \(value)"
        case (.double(let value), .scalar(let scalar)):
            return Double(scalar.string) == value ? nil : "\(path): expected \(value)"
        case (.null, .scalar(let scalar)):
            return scalar.string == "null" ? nil : "\(path): expected null"
        case (.sequence(let items), .sequence(let sequence)):
            guard items.count == sequence.count else { return "\(path): expected \(items.count) items" }
            for (index, pair) in zip(items, sequence).enumerated() {
                if let problem = mismatch(pair.0, pair.1, path: "\(path)[\(index)]") { return problem }
            }
            return nil
        case (.mapping(let pairs), .mapping(let mapping)):
            let actualPairs = Array(mapping)
            guard pairs.count == actualPairs.count else { return "\(path): expected \(pairs.count) keys" }
            for (pair, actualPair) in zip(pairs, actualPairs) {
                guard actualPair.key.string == pair.key else { return "\(path): expected key \(pair.key), got \(actualPair.key.string ?? "?")" }
                if let problem = mismatch(pair.value, actualPair.value, path: "\(path).\(pair.key)") { return problem }
            }
            return nil
        default:
            return "\(path): expected \(expected), got \(actual)"
        }
    }
}
