import Testing
@testable import TSDB

/// A random store and matcher sets, checked against a brute-force scan.
private struct RandomWorld {
    var series: [Labels] = []
    var matcherSets: [[LabelMatcher]] = []

    init(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let names = ["__name__", "job", "instance", "env", "code"]
        let values = ["", "a", "b", "ab", "api", "web", "1", "10", "200", "500"]
        for _ in 0..<300 {
            var pairs: [Label] = []
            for name in names where Int.random(in: 0..<4, using: &random) > 0 {
                pairs.append(Label(name: name, value: values[Int.random(in: 0..<values.count, using: &random)]))
            }
            series.append(Labels(pairs))
        }
        let patterns = ["a", "a|b", "a.*", ".*", ".+", "", "(?:api|web)", "[0-9]+", "1|", "b|ab|x", "w.b"]
        for _ in 0..<60 {
            var set: [LabelMatcher] = []
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let name = names[Int.random(in: 0..<names.count, using: &random)]
                let type = [LabelMatcher.MatchType.equal, .notEqual, .regexMatch, .regexNoMatch][
                    Int.random(in: 0..<4, using: &random)]
                let value = type == .equal || type == .notEqual
                    ? values[Int.random(in: 0..<values.count, using: &random)]
                    : patterns[Int.random(in: 0..<patterns.count, using: &random)]
                set.append(try LabelMatcher(type, name, value))
            }
            matcherSets.append(set)
        }
    }
}

@Suite("Label matchers and postings")
struct LabelMatcherTests {
    @Test("select agrees with a brute-force scan on random data", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func matchesBruteForce(seed: UInt64) throws {
        let world = try RandomWorld(seed: seed)
        let store = TimeSeriesStore(options: .init(stripeCount: 8))
        var appender = store.appender()
        for labels in world.series where !labels.isEmpty {
            try appender.append(labels, t: 1000, v: 1)
        }
        appender.commit()
        let querier = store.querier(mint: 0, maxt: 2000)
        let everySeries = Set(world.series.filter { !$0.isEmpty })
        for matchers in world.matcherSets {
            let expected = everySeries.filter { labels in
                matchers.allSatisfy { $0.matches(labels[$0.name] ?? "") }
            }.sorted()
            let actual = querier.select(matchers).map(\.labels)
            #expect(actual == expected, "matchers \(matchers)")
            let expectedNames = Set(expected.flatMap { $0.pairs.map(\.name) }).sorted()
            #expect(querier.labelNames(matchers) == expectedNames)
            let expectedJobs = Set(expected.compactMap { $0["job"] }).sorted()
            #expect(querier.labelValues("job", matchers) == expectedJobs)
        }
    }

    @Test("regexes are fully anchored", arguments: [
        ("a", "ba", false), ("a", "ab", false), ("a.*", "abc", true), ("b|ab", "ab", true),
        ("a", "a\n", false), (".*", "", true), ("[0-9]+", "123x", false), ("é", "é", true),
    ])
    func anchoring(pattern: String, candidate: String, expected: Bool) throws {
        #expect(try LabelMatcher(.regexMatch, "l", pattern).matches(candidate) == expected)
        #expect(try LabelMatcher(.regexNoMatch, "l", pattern).matches(candidate) == !expected)
    }

    @Test("literal alternations take the fast path", arguments: [
        ("api", ["api"]), ("a|b|c", ["a", "b", "c"]), ("(?:x|y)", ["x", "y"]), ("a|", ["a", ""]),
    ])
    func literalFastPath(pattern: String, literals: [String]) {
        #expect(LabelRegex.literalAlternatives(pattern) == Set(literals))
    }

    @Test("patterns with metacharacters use the regex engine", arguments: ["a.*", "a+", "[ab]", "a\\|b", "(a)|b"])
    func noFastPath(pattern: String) {
        #expect(LabelRegex.literalAlternatives(pattern) == nil)
    }

    @Test("an invalid regex is reported with the pattern")
    func invalidRegex() {
        #expect {
            try LabelMatcher(.regexMatch, "job", "a(b")
        } throws: { error in
            guard case LabelMatcherError.invalidRegex(let label, let pattern, let reason) = error else { return false }
            return label == "job" && pattern == "a(b" && !reason.isEmpty
        }
    }

    @Test("a matcher matching the empty string selects series lacking the label")
    func emptyMatchesMissing() throws {
        let store = TimeSeriesStore()
        var appender = store.appender()
        try appender.append(Labels(["__name__": "m", "env": "prod"]), t: 1, v: 1)
        try appender.append(Labels(["__name__": "m"]), t: 1, v: 1)
        appender.commit()
        let querier = store.querier(mint: 0, maxt: 10)
        #expect(querier.select([try LabelMatcher(.equal, "env", "")]).map(\.labels) == [Labels(["__name__": "m"])])
        #expect(querier.select([try LabelMatcher(.regexNoMatch, "env", ".+")]).count == 1)
        #expect(querier.select([try LabelMatcher(.notEqual, "env", "")]).count == 1)
        #expect(querier.select([try LabelMatcher(.regexMatch, "env", "prod|")]).count == 2)
        #expect(querier.select([try LabelMatcher(.equal, "nope", "x")]).isEmpty)
    }

    @Test("matchers print as PromQL")
    func description() throws {
        #expect(try LabelMatcher(.regexMatch, "job", #"a"b"#).description == #"job=~"a\"b""#)
    }
}
