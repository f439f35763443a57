import Rules
import TSDB
import Testing

@Suite("Alert templates")
struct TemplateTests {
    private func expand(_ text: String, labels: [String: String] = ["job": "api", "instance": "a:9090"],
                        value: Double = 1234.5678, query: (@Sendable (String) throws -> [TemplateSample])? = nil) throws -> String {
        let data = AlertTemplateData(labels: Labels(labels), externalLabels: Labels(["cluster": "eu1"]),
                                     externalURL: "http://prom.example:9090/prefix", value: value)
        return try AlertTemplate.render(text, alertName: "Test", data: data, context: TemplateContext(query: query))
    }

    struct Case: Sendable, CustomStringConvertible {
        var template: String
        var expected: String
        var value: Double = 1234.5678
        var description: String { template }
    }

    @Test("expands variables, fields, functions and control structures", arguments: [
        Case(template: "plain text", expected: "plain text"),
        Case(template: "{{ $labels.job }} on {{ .Labels.instance }}", expected: "api on a:9090"),
        Case(template: "{{ $labels.missing }}|", expected: "|"),
        Case(template: "{{ $externalLabels.cluster }} {{ .ExternalLabels.cluster }}", expected: "eu1 eu1"),
        Case(template: "{{ $value }}", expected: "1234.5678"),
        Case(template: "{{ $value }}", expected: "1e+06", value: 1_000_000),
        Case(template: "{{ $value }}", expected: "1.23456789e+08", value: 123_456_789),
        Case(template: "{{ $value }}", expected: "0.0001", value: 0.0001),
        Case(template: "{{ $value }}", expected: "1e-05", value: 0.00001),
        Case(template: "{{ $value }}", expected: "+Inf", value: .infinity),
        Case(template: "{{ $value }}", expected: "NaN", value: .nan),
        Case(template: "{{ $value }}", expected: "0", value: 0),
        Case(template: "{{ $value | humanize }}", expected: "1.235k"),
        Case(template: "{{ humanize 0.000123 }}", expected: "123u"),
        Case(template: "{{ humanize 1234567 }}", expected: "1.235M"),
        Case(template: "{{ humanize 0 }}", expected: "0"),
        Case(template: "{{ humanize1024 1048576 }}", expected: "1Mi"),
        Case(template: "{{ humanize1024 1 }}", expected: "1"),
        Case(template: "{{ humanizeDuration 90061 }}", expected: "1d 1h 1m 1s"),
        Case(template: "{{ humanizeDuration 3661 }}", expected: "1h 1m 1s"),
        Case(template: "{{ humanizeDuration 61.5 }}", expected: "1m 1s"),
        Case(template: "{{ humanizeDuration 1.5 }}", expected: "1.5s"),
        Case(template: "{{ humanizeDuration 0.25 }}", expected: "250ms"),
        Case(template: "{{ humanizeDuration 0 }}", expected: "0s"),
        Case(template: "{{ humanizeDuration -90 }}", expected: "-1m 30s"),
        Case(template: "{{ $value | humanizePercentage }}", expected: "6.25%", value: 0.0625),
        Case(template: "{{ humanizePercentage 0.123456 }}", expected: "12.35%"),
        Case(template: "{{ humanizeTimestamp 1435065584.128 }}", expected: "2015-06-23 13:19:44.128 +0000 UTC"),
        Case(template: "{{ humanizeTimestamp 0 }}", expected: "1970-01-01 00:00:00 +0000 UTC"),
        Case(template: #"{{ humanize "1234" }}"#, expected: "1.234k"),
        Case(template: #"{{ printf "%.2f" $value }}"#, expected: "1234.57"),
        Case(template: #"{{ printf "%s=%d" "a" 3 }}"#, expected: "a=3"),
        Case(template: #"{{ printf "%d" "x" }}"#, expected: "%!d(string=x)"),
        Case(template: #"{{ printf "%5.1f|%-4s|%q" 3.14159 "ab" "q" }}"#, expected: "  3.1|ab  |\"q\""),
        Case(template: #"{{ printf "%v %v" 1.5 true }}"#, expected: "1.5 true"),
        Case(template: #"{{ printf "%g %e" 1e21 12345.678 }}"#, expected: "1e+21 1.234568e+04"),
        Case(template: #"{{ printf "%.3g" 0.00012345 }}"#, expected: "0.000123"),
        Case(template: #"{{ printf "%d%%" 5 }}"#, expected: "5%"),
        Case(template: #"{{ printf "%s" }}"#, expected: "%!s(MISSING)"),
        Case(template: #"{{ "abc" | toUpper }} {{ toLower "ABC" }} {{ title "hello big-world" }}"#,
             expected: "ABC abc Hello Big-World"),
        Case(template: #"{{ reReplaceAll "(a+)b" "<$1>" "aab ab c" }}"#, expected: "<aa> <a> c"),
        Case(template: #"{{ reReplaceAll ":.*" "" $labels.instance }}"#, expected: "a"),
        Case(template: #"{{ reReplaceAll "(?P<host>[a-z]+):(\\d+)" "${host}-$2" "x:1" }}"#, expected: "x-1"),
        Case(template: #"{{ if gt $value 1000.0 }}big{{ else }}small{{ end }}"#, expected: "big"),
        Case(template: #"{{ if eq $labels.job "db" }}db{{ else if eq $labels.job "api" }}api{{ else }}?{{ end }}"#,
             expected: "api"),
        Case(template: "{{ if and $labels.job (not $labels.nope) }}yes{{ end }}", expected: "yes"),
        Case(template: "{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}", expected: "instance=a:9090;job=api;"),
        Case(template: "{{ range $labels }}{{ . }},{{ end }}", expected: "a:9090,api,"),
        Case(template: "{{ with $labels.job }}job {{ . }}{{ end }}", expected: "job api"),
        Case(template: "{{ with $labels.nope }}x{{ else }}none{{ end }}", expected: "none"),
        Case(template: "{{ $x := 5 }}{{ $x }} {{ $x = 6 }}{{ $x }}", expected: "5 6"),
        Case(template: "a  {{- \"b\" -}}  c", expected: "abc"),
        Case(template: "a {{/* comment */}}b", expected: "a b"),
        Case(template: "{{ len $labels }} {{ index $labels \"job\" }}", expected: "2 api"),
        Case(template: "{{ print 1 2 \"x\" }}", expected: "1 2x"),
        Case(template: "{{ (printf \"%s-%s\" $labels.job \"x\") | toUpper }}", expected: "API-X"),
        Case(template: "{{ externalURL }} {{ pathPrefix }} {{ $externalURL }}",
             expected: "http://prom.example:9090/prefix /prefix http://prom.example:9090/prefix"),
        Case(template: "{{ match \"^a.i$\" $labels.job }}", expected: "true"),
        Case(template: "{{ define \"t\" }}<{{ . }}|{{ $ }}>{{ end }}{{ template \"t\" $labels.job }}", expected: "<api|api>"),
    ])
    func expands(_ testCase: Case) throws {
        let got = try expand(testCase.template, value: testCase.value)
        #expect(got == testCase.expected)
    }

    @Test("query, first, value, label and range over a query result")
    func queries() throws {
        let query: @Sendable (String) throws -> [TemplateSample] = { text in
            #expect(text == "up")
            return [TemplateSample(labels: ["__name__": "up", "job": "b"], value: 0),
                    TemplateSample(labels: ["__name__": "up", "job": "a"], value: 1)]
        }
        #expect(try expand(#"{{ query "up" | first | value }}"#, query: query) == "0")
        #expect(try expand(#"{{ with query "up" }}{{ . | first | label "job" }}{{ end }}"#, query: query) == "b")
        #expect(try expand(#"{{ range query "up" | sortByLabel "job" }}{{ .Labels.job }}={{ .Value }} {{ end }}"#,
                           query: query) == "a=1 b=0 ")
        #expect(try expand(#"{{ (query "up" | first).Value }}"#, query: query) == "0")
    }

    struct ErrorCase: Sendable, CustomStringConvertible {
        var template: String
        var line: Int
        var column: Int
        var message: String
        var description: String { template }
    }

    @Test("parse errors carry line, column and Go's message", arguments: [
        ErrorCase(template: "{{ humanise $value }}", line: 1, column: 4, message: #"function "humanise" not defined"#),
        ErrorCase(template: "ok\n  {{ $nope }}", line: 2, column: 6, message: #"undefined variable "$nope""#),
        ErrorCase(template: "{{ $labels.job ", line: 1, column: 1, message: "unclosed action"),
        ErrorCase(template: "{{ if true }}x", line: 1, column: 14, message: "unexpected EOF"),
        ErrorCase(template: "x{{ end }}", line: 1, column: 5, message: "unexpected {{end}}"),
        ErrorCase(template: "{{ \"abc }}", line: 1, column: 4, message: "unterminated quoted string"),
        ErrorCase(template: "{{ define \"x\" }}unterminated", line: 1, column: 17, message: "unexpected EOF"),
        ErrorCase(template: "{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}", line: 1, column: 17,
                  message: "unexpected <define> in command"),
        ErrorCase(template: "{{ break }}", line: 1, column: 4, message: "{{break}} outside {{range}}"),
    ])
    func parseErrors(_ testCase: ErrorCase) {
        #expect(throws: TemplateError(phase: .parse, line: testCase.line, column: testCase.column,
                                      message: testCase.message)) {
            try TemplateParser.parse(testCase.template)
        }
    }

    @Test("an execution error becomes Prometheus's <error expanding template> text")
    func executionErrorText() {
        let data = AlertTemplateData(labels: Labels(["job": "x"]), value: 1)
        let text = AlertTemplate.expand("{{ humanize \"abc\" }}", alertName: "A", data: data)
        #expect(text == "<error expanding template: error executing template __alert_A: template: __alert_A:1:115: "
            + "executing \"__alert_A\" at <humanize \"abc\">: error calling humanize: strconv.ParseFloat: "
            + "parsing \"abc\": invalid syntax>")
        let noQuery = AlertTemplate.expand("{{ query \"up\" }}", alertName: "A", data: data)
        #expect(noQuery.hasPrefix("<error expanding template:"))
    }
}
