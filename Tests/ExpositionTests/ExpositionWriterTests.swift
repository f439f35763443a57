import Testing
@testable import Exposition

@Suite("ExpositionWriter")
struct ExpositionWriterTests {
    static let requests = MetricFamily(
        name: "http_requests_total", type: .counter, help: "Requests\nby \"code\" \\ path.",
        samples: [
            ExpositionSample(labels: Labels(["__name__": "http_requests_total", "code": "200", "path": "/a\"b\\c\nd"]), value: 1027),
            ExpositionSample(labels: Labels(["__name__": "http_requests_total", "code": "500"]), value: 3, timestamp: 1_395_066_363_000),
        ])

    @Test("writes the text format with escaped help and label values")
    func writesText() {
        let text = ExpositionWriter(format: .text).write([Self.requests])
        #expect(text == """
            # HELP http_requests_total Requests\\nby "code" \\\\ path.
            # TYPE http_requests_total counter
            http_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 1027
            http_requests_total{code="500"} 3 1395066363000

            """)
    }

    @Test("writes OpenMetrics with seconds, exemplars and # EOF")
    func writesOpenMetrics() {
        let family = MetricFamily(
            name: "rpc", type: .counter, help: "say \"hi\"",
            samples: [
                ExpositionSample(
                    labels: Labels(["__name__": "rpc_total"]), value: 1.5, timestamp: 1_700_000_000_005,
                    exemplar: Exemplar(labels: Labels(["trace_id": "abc"]), value: 0.25, timestamp: -1500)),
            ])
        let text = ExpositionWriter(format: .openMetrics).write([family])
        #expect(text == """
            # TYPE rpc counter
            # HELP rpc say \\"hi\\"
            rpc_total 1.5 1700000000.005 # {trace_id="abc"} 0.25 -1.500
            # EOF

            """)
    }

    @Test(
        "formats values as Prometheus clients do",
        arguments: [
            (1.0, "1"), (-0.5, "-0.5"), (1e-7, "1e-07"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
            (.nan, "NaN"), (123456789012345.0, "123456789012345"), (1e300, "1e+300"), (0.1, "0.1"),
        ])
    func formatsValues(_ value: Double, _ expected: String) {
        #expect(ExpositionWriter.formatValue(value) == expected)
    }

    @Test("writes OpenMetrics-only types as their closest text format type")
    func mapsTypes() {
        #expect(ExpositionWriter.textTypeName(.info) == "gauge")
        #expect(ExpositionWriter.textTypeName(.stateset) == "gauge")
        #expect(ExpositionWriter.textTypeName(.gaugehistogram) == "histogram")
        #expect(ExpositionWriter.textTypeName(.unknown) == "untyped")
    }
}
