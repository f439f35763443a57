import Testing
import Yams
@testable import Monitoring

@Suite("Rule-file YAML writer")
struct SLOYAMLWriterTests {
    static let tricky: [String] = [
        "plain", "5m", "1d", "30d", "4w", "1", "1.0", "-1", "+1", ".5", "1e3", "0x1F", "0o17", "1:30",
        "2024-01-31", "true", "False", "yes", "NO", "on", "off", "y", "n", "null", "~", "", " ", " lead", "trail ",
        "a: b", "a #b", "#comment", "- item", "? key", ": x", "[x]", "{x}", "*alias", "&anchor", "!tag", "|", ">",
        "'quoted'", "\"double\"", "%directive", "@at", "`tick`", "it's", "tab\there", "cr\rhere", "nul\u{0}x",
        "bell\u{7}", "del\u{7F}", "ünïcödé", "emoji 🙂", "{{$labels.sloth_service}} {{$labels.sloth_slo}}",
        "line one\nline two", "ends with newline\n", "two trailing\n\n", "\nleading newline", " indented\nsecond",
        "trailing space \nnext", "(\n    max(x) without (y)\n)\n", "https://runbooks.example/a?b=c#d", "a:b", "key:",
    ]

    @Test("every scalar reads back as the same string", arguments: tricky)
    func roundTrip(_ value: String) throws {
        let text = SLOYAMLWriter.write(.mapping([("key", .scalar(value)), ("list", .sequence([.scalar(value)]))]))
        let parsed = try #require(try Yams.load(yaml: text) as? [String: Any], "not a mapping:\n\(text)")
        #expect(parsed["key"] as? String == value, "written as:\n\(text)")
        #expect((parsed["list"] as? [Any])?.first as? String == value, "written as:\n\(text)")
    }

    @Test("keys can be any string too", arguments: ["a b", "1", "true", "x: y", "-"])
    func keys(_ key: String) throws {
        let text = SLOYAMLWriter.write(.mapping([(key, .scalar("v"))]))
        let parsed = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(parsed[key] as? String == "v", "written as:\n\(text)")
    }

    @Test("empty collections and nesting keep their shape")
    func shapes() throws {
        let text = SLOYAMLWriter.write(.mapping([
            ("empty_map", .mapping([])), ("empty_list", .sequence([])),
            ("nested", .sequence([.mapping([("a", .scalar("1")), ("b", .sequence([.mapping([("c", .scalar("x\ny"))])]))])])),
        ]))
        #expect(text == """
            empty_map: {}
            empty_list: []
            nested:
            - a: "1"
              b:
              - c: |-
                  x
                  y

            """)
        #expect(try Yams.load(yaml: text) != nil)
    }
}
