import Foundation
import Monitoring
import Testing
import Yams

@Suite("OrderedYAML emitter")
struct OrderedYAMLTests {
    /// (string, how yaml.v2 writes it as a mapping value)
    static let scalars: [(String, String)] = [
        ("", #""""#), ("true", #""true""#), ("False", #""False""#), ("yes", #""yes""#), ("off", #""off""#),
        ("y", #""y""#), ("null", #""null""#), ("~", #""~""#), ("0", #""0""#), ("8081", #""8081""#),
        ("-12", #""-12""#), ("0x1F", #""0x1F""#), ("1e3", #""1e3""#), ("3.14", #""3.14""#), (".5", #"".5""#),
        (".inf", #"".inf""#), ("1:20", #""1:20""#), ("2026-08-08", #""2026-08-08""#), ("<<", #""<<""#),
        ("$(SHARD);|.+;.+", "$(SHARD);|.+;.+"), ("${1}", "${1}"), ("(.+);", "(.+);"), ("0|1|2", "0|1|2"),
        ("(Failed|Succeeded)", "(Failed|Succeeded)"), ("Node;(.*)", "Node;(.*)"), ("v1.2", "v1.2"),
        ("a: b", "'a: b'"), ("- x", "'- x'"), ("#x", "'#x'"), ("a #b", "'a #b'"), (" lead", "' lead'"),
        ("trail ", "'trail '"), ("*ref", "'*ref'"), ("!tag", "'!tag'"), ("{x}", "'{x}'"), ("it's", "it's"),
        ("'q'", "'''q'''"), ("a\nb", #""a\nb""#), ("tab\there", #""tab\there""#), ("a:b", "a:b"),
        ("app=x,!legacy,k notin (a,b)", "app=x,!legacy,k notin (a,b)"), ("collect[]", "collect[]"),
    ]

    @Test("strings are quoted exactly when yaml.v2 would quote them", arguments: scalars)
    func quoting(_ pair: (String, String)) throws {
        let text = OrderedYAML.emit(.mapping([(key: "k", value: .string(pair.0))]))
        #expect(text == "k: \(pair.1)\n")
        let parsed = try Yams.load(yaml: text) as? [String: Any]
        #expect(parsed?["k"] as? String == pair.0, "round trip of \(text)")
    }

    @Test("sequences under keys are not indented and mappings start on the dash line")
    func layout() {
        let node: YAMLNode = .sequence([
            .mapping([
                (key: "a", value: .integer(1)),
                (key: "list", value: .sequence([.string("x"), .mapping([(key: "b", value: .boolean(true)),
                                                                         (key: "c", value: .mapping([(key: "d", value: .string("e"))]))])])),
                (key: "empty", value: .sequence([])),
                (key: "none", value: .mapping([])),
            ]),
        ])
        #expect(OrderedYAML.emit(node) == """
            - a: 1
              list:
              - x
              - b: true
                c:
                  d: e
              empty: []
              none: {}

            """)
    }

    @Test("encoding keeps declaration order and sorts map keys")
    func encoderOrder() throws {
        struct Value: Encodable {
            var zebra = 1
            var apple: String? = nil
            var mid = SortedYAMLMap(["b": 2, "a": 1, "B": 0])
        }
        #expect(try OrderedYAML.emit(Value()) == "zebra: 1\nmid:\n  B: 0\n  a: 1\n  b: 2\n")
    }

    /// Expected texts cross-checked with PyYAML, whose emitter is a port of libyaml's.
    static let folding: [(String, String)] = [
        ("app=ledger,!legacy,metrics-enabled,track notin (canary,debug),zzzzzz in (aaaaaaa,bbbbbbbbbb,ccccccccccc) and more words here",
         "k: app=ledger,!legacy,metrics-enabled,track notin (canary,debug),zzzzzz in (aaaaaaa,bbbbbbbbbb,ccccccccccc)\n  and more words here\n"),
        (Array(repeating: "word", count: 30).joined(separator: " "),
         "k: word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n"),
        ("a b  c " + String(repeating: "x", count: 90) + " tail  two  spaces",
         "k: a b  c " + String(repeating: "x", count: 90) + "\n  tail  two  spaces\n"),
        ("key: value with colon" + String(repeating: " lorem ipsum dolor sit amet", count: 4),
         "k: 'key: value with colon lorem ipsum dolor sit amet lorem ipsum dolor sit amet lorem\n  ipsum dolor sit amet lorem ipsum dolor sit amet'\n"),
    ]

    @Test("long values fold at spaces past column 80 like libyaml", arguments: folding)
    func folds(_ pair: (String, String)) throws {
        let text = OrderedYAML.emit(.mapping([(key: "k", value: .string(pair.0))]))
        #expect(text == pair.1)
        let parsed = try Yams.load(yaml: text) as? [String: Any]
        #expect(parsed?["k"] as? String == pair.0)
    }

    @Test("folded values inside sequence items indent under their key")
    func foldsNested() {
        let words = Array(repeating: "word", count: 30).joined(separator: " ")
        let nested = OrderedYAML.emit(.mapping([(key: "outer", value: .sequence([
            .mapping([(key: "role", value: .string("x")), (key: "label", value: .string(words))]),
        ]))]))
        #expect(nested == "outer:\n- role: x\n  label: word word word word word word word word word word word word word word word\n    word word word word word word word word word word word word word word word\n")
        let item = OrderedYAML.emit(.sequence([.string(words)]))
        #expect(item == "- word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word\n")
    }
}
