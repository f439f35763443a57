import Foundation
import Testing
@testable import Scrape

@Suite("Relabel configuration")
struct RelabelConfigTests {
    struct InvalidCase: Sendable, CustomTestStringConvertible {
        let json: String
        let field: String
        let message: String
        var testDescription: String { message }
    }

    /// Messages are Prometheus 2.42's, so `vigil check` reads like `promtool check config`.
    static let invalidCases: [InvalidCase] = [
        InvalidCase(json: #"{"action":"replace","source_labels":["a"]}"#, field: "target_label",
                    message: "relabel configuration for replace action requires 'target_label' value"),
        InvalidCase(json: #"{"action":"hashmod","source_labels":["a"],"target_label":"s"}"#, field: "modulus",
                    message: "relabel configuration for hashmod requires non-zero modulus"),
        InvalidCase(json: #"{"action":"hashmod","modulus":4,"target_label":"1s"}"#, field: "target_label",
                    message: "\"1s\" is invalid 'target_label' for hashmod action"),
        InvalidCase(json: #"{"action":"replace","target_label":"a-b"}"#, field: "target_label",
                    message: "\"a-b\" is invalid 'target_label' for replace action"),
        InvalidCase(json: #"{"action":"lowercase","target_label":"$1"}"#, field: "target_label",
                    message: "\"$1\" is invalid 'target_label' for lowercase action"),
        InvalidCase(json: #"{"action":"uppercase","target_label":"u","replacement":"x"}"#, field: "replacement",
                    message: "'replacement' can not be set for uppercase action"),
        InvalidCase(json: #"{"action":"labelmap","replacement":"a-$1"}"#, field: "replacement",
                    message: "\"a-$1\" is invalid 'replacement' for labelmap action"),
        InvalidCase(json: #"{"action":"labeldrop","regex":"a","source_labels":["x"]}"#, field: "action",
                    message: "labeldrop action requires only 'regex', and no other fields"),
        InvalidCase(json: #"{"action":"labelkeep","regex":"a","target_label":"x"}"#, field: "action",
                    message: "labelkeep action requires only 'regex', and no other fields"),
        InvalidCase(json: #"{"action":"keepequal","source_labels":["a"],"target_label":"b","regex":"x"}"#,
                    field: "action",
                    message: "keepequal action requires only 'source_labels' and 'target_label', and no other fields"),
        InvalidCase(json: #"{"action":"dropequal","source_labels":["a"]}"#, field: "target_label",
                    message: "relabel configuration for dropequal action requires 'target_label' value"),
    ]

    @Test("invalid rules fail with Prometheus' message and the field", arguments: invalidCases)
    func invalid(_ testCase: InvalidCase) {
        do {
            _ = try JSONDecoder().decode(RelabelConfig.self, from: Data(testCase.json.utf8))
            Issue.record("decoded an invalid rule")
        } catch let error as RelabelError {
            #expect(error.field == testCase.field)
            #expect(error.description == testCase.message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("an invalid regex names the regex", arguments: ["(unclosed", "a(?=b)", #"(a)\1"#, "[z-a]"])
    func invalidRegex(pattern: String) {
        #expect(throws: RelabelError.self) { try RelabelRegex(pattern) }
        do {
            _ = try RelabelConfig(action: .keep, sourceLabels: ["a"], regex: pattern)
        } catch {
            #expect(error.field == "regex")
            #expect(error.message.contains(pattern))
        }
    }

    @Test("absent keys take Prometheus' defaults")
    func defaults() throws {
        let config = try JSONDecoder().decode(RelabelConfig.self, from: Data(#"{"target_label":"x"}"#.utf8))
        #expect(config.action == .replace)
        #expect(config.separator == ";")
        #expect(config.regex.pattern == "(.*)")
        #expect(config.replacement == "$1")
        #expect(config.modulus == 0)
        #expect(config.sourceLabels.isEmpty)
    }

    @Test("explicitly empty separator and replacement are kept, not defaulted")
    func explicitEmpty() throws {
        let json = #"{"source_labels":["a","b"],"separator":"","target_label":"x","replacement":""}"#
        let config = try JSONDecoder().decode(RelabelConfig.self, from: Data(json.utf8))
        #expect(config.separator == "")
        #expect(config.replacement == "")
    }

    @Test("actions decode case-insensitively, as Prometheus reads them")
    func actionCase() throws {
        let config = try JSONDecoder().decode(RelabelConfig.self, from: Data(#"{"action":"LabelMap","regex":"(.*)"}"#.utf8))
        #expect(config.action == .labelMap)
    }

    @Test("encoding writes Prometheus key names and omits defaults, and decodes back")
    func roundTrip() throws {
        let config = try RelabelConfig(action: .hashMod, sourceLabels: ["__address__"], modulus: 3, targetLabel: "__tmp_hash")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(config), as: UTF8.self)
        #expect(json == #"{"action":"hashmod","modulus":3,"source_labels":["__address__"],"target_label":"__tmp_hash"}"#)
        #expect(try JSONDecoder().decode(RelabelConfig.self, from: Data(json.utf8)) == config)
    }
}
