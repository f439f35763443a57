import Testing
@testable import Exposition

/// One expected message per rule of strict OpenMetrics validation.
@Suite("strict OpenMetrics validation messages")
struct OpenMetricsValidationTests {
    @Test(
        "each cross-line rule reports its own message at the offending line",
        arguments: [
            ErrorCase("# TYPE a gauge\na 1\n# HELP a x\n# EOF\n", #"line 3, column 1: metadata for "a" after its samples"#),
            ErrorCase("# HELP a x\n# HELP a y\n# EOF\n", #"line 2, column 1: more than one HELP for "a""#),
            ErrorCase("# TYPE a gauge\n# TYPE a gauge\n# EOF\n", #"line 2, column 1: more than one TYPE for "a""#),
            ErrorCase("# UNIT a_s s\n# UNIT a_s s\n# EOF\n", #"line 2, column 1: more than one UNIT for "a_s""#),
            ErrorCase("# TYPE a_total gauge\n# TYPE a counter\n# EOF\n", #"line 3, column 1: metric family name "a_total" clashes with an earlier one"#),
            ErrorCase("# TYPE a_u info\n# UNIT a_u u\n# EOF\n", "line 3, column 1: info metrics cannot have a unit"),
            ErrorCase("# TYPE a stateset\na{b=\"x\"} 1\n# EOF\n", #"line 2, column 1: stateset sample without a "a" label"#),
            ErrorCase("# TYPE a stateset\na{a=\"x\"} 0.5\n# EOF\n", "line 2, column 1: stateset values must be 0 or 1"),
            ErrorCase("# TYPE a info\na_info 2\n# EOF\n", "line 2, column 1: info values must be 1"),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"x\"} 1\n# EOF\n", #"line 2, column 1: invalid le label "x""#),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"inf\"} 1\n# EOF\n", #"line 2, column 1: le label "inf" must be written +Inf"#),
            ErrorCase("# TYPE a summary\na{quantile=\"2\"} 1\n# EOF\n", "line 2, column 1: quantile label must be between 0 and 1"),
            ErrorCase("# TYPE a summary\na{quantile=\"0.5\"} -1\n# EOF\n", "line 2, column 1: quantile values must not be negative"),
            ErrorCase("# TYPE a counter\na_total NaN\n# EOF\n", "line 2, column 1: _total values must not be NaN"),
            ErrorCase("# TYPE a counter\na_total -1\n# EOF\n", "line 2, column 1: _total values must not be negative"),
            ErrorCase("# TYPE a gauge\na 1 # {x=\"y\"} 1\n# EOF\n", "line 2, column 1: exemplars are allowed only on counter _total and histogram _bucket samples"),
            ErrorCase("# TYPE a gauge\na{x=\"1\"} 1\na{x=\"2\"} 1\na{x=\"1\"} 1\n# EOF\n", #"line 4, column 1: samples of group {x="1"} are not contiguous"#),
            ErrorCase("# TYPE a gauge\na 1 1\na 1\n# EOF\n", "line 3, column 1: some samples of a group have timestamps and some do not"),
            ErrorCase("# TYPE a gauge\na 1 2\na 1 1\n# EOF\n", "line 3, column 1: timestamps went backwards within a group"),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"1\"} 1\n# EOF\n", "line 3, column 1: histogram has no +Inf bucket"),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"+Inf\"} 1\na_count 2\na_sum 1\n# EOF\n", "line 5, column 1: histogram count does not match its +Inf bucket"),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"+Inf\"} 1\na_sum 1\n# EOF\n", "line 4, column 1: histogram has _sum but no _count"),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"+Inf\"} 1\na_count 1\n# EOF\n", "line 4, column 1: histogram has a count but no sum"),
            ErrorCase("# TYPE a gaugehistogram\na_bucket{le=\"+Inf\"} 1\na_gsum 1\n# EOF\n", "line 4, column 1: gauge histogram has _gsum but no _gcount"),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"2\"} 1\na_bucket{le=\"1\"} 1\n# EOF\n", "line 3, column 1: histogram buckets must be in increasing order of le"),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"1\"} 2\na_bucket{le=\"+Inf\"} 1\n# EOF\n", "line 3, column 1: histogram bucket values must not decrease"),
            ErrorCase("# TYPE a histogram\na_bucket{le=\"-1\"} 0\na_bucket{le=\"+Inf\"} 1\na_count 1\na_sum 1\n# EOF\n", "line 6, column 1: histogram with negative buckets cannot have _sum"),
            ErrorCase("# TYPE a gaugehistogram\na_bucket{le=\"+Inf\"} 1\na_gcount 1\na_gsum -1\n# EOF\n", "line 5, column 1: gauge histogram without negative buckets cannot have a negative _gsum"),
        ])
    func reports(_ testCase: ErrorCase) {
        var strict = OpenMetricsParser(testCase.input, options: .strict)
        #expect(firstError(&strict) == testCase.error)
    }

    @Test("an exact duplicate series in a histogram group is ignored, as the reference parser does")
    func duplicateBucket() throws {
        var parser = OpenMetricsParser(
            "# TYPE a histogram\na_bucket{le=\"1\"} 1 5\na_bucket{le=\"1\"} 1 5\na_bucket{le=\"+Inf\"} 1 5\n# EOF\n",
            options: .strict)
        #expect(samples(in: try parseAll(&parser).get()).count == 3)
    }
}
