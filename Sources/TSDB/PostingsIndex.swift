/// The inverted index: for each label name and value, the sorted refs of the series
/// carrying that pair, plus the sorted list of all refs.
///
/// A value type guarded by the store's index lock. Queries copy out the ref lists they
/// need (copy-on-write makes that cheap) and do set algebra outside the lock.
struct PostingsIndex: Sendable {
    private(set) var postings: [String: [String: [UInt64]]] = [:]
    private(set) var all: [UInt64] = []

    mutating func add(_ ref: UInt64, _ labels: Labels) {
        Postings.insert(ref, into: &all)
        for pair in labels.pairs {
            Postings.insert(ref, into: &postings[pair.name, default: [:]][pair.value, default: []])
        }
    }

    /// Removes a batch of series at once (linear in the lists touched, not per series).
    mutating func remove(_ removed: [(ref: UInt64, labels: Labels)]) {
        guard !removed.isEmpty else { return }
        let refs = Set(removed.map(\.ref))
        all.removeAll { refs.contains($0) }
        var touched: [String: Set<String>] = [:]
        for entry in removed {
            for pair in entry.labels.pairs { touched[pair.name, default: []].insert(pair.value) }
        }
        for (name, values) in touched {
            guard var byValue = postings[name] else { continue }
            for value in values {
                guard var list = byValue[value] else { continue }
                list.removeAll { refs.contains($0) }
                byValue[value] = list.isEmpty ? nil : list
            }
            postings[name] = byValue.isEmpty ? nil : byValue
        }
    }

    /// Sorted label names present in the index.
    var labelNames: [String] { postings.keys.sorted() }

    /// Sorted values of `name` present in the index.
    func labelValues(_ name: String) -> [String] {
        postings[name].map { $0.keys.sorted() } ?? []
    }

    /// Refs of the series selected by all `matchers`, sorted.
    ///
    /// As Prometheus' `PostingsForMatchers`: a matcher that does not match `""` selects
    /// the union of the lists of the values it matches (intersected over matchers); one
    /// that matches `""` removes the union of the values it does not match. When no
    /// matcher is of the first kind, the start set is every series.
    func refs(matching matchers: [LabelMatcher]) -> [UInt64] {
        var included: [[UInt64]] = []
        var excluded: [[UInt64]] = []
        for matcher in matchers {
            if matcher.matchesEmpty {
                let lists = self.lists(for: matcher, selecting: false)
                if !lists.isEmpty { excluded.append(Postings.union(lists)) }
            } else {
                let lists = self.lists(for: matcher, selecting: true)
                if lists.isEmpty { return [] }
                included.append(Postings.union(lists))
            }
        }
        included.sort { $0.count < $1.count }  // smallest first keeps intersections cheap
        var result = included.first ?? all
        for list in included.dropFirst() {
            if result.isEmpty { return [] }
            result = Postings.intersect(result, list)
        }
        for list in excluded where !result.isEmpty {
            result = Postings.subtract(result, list)
        }
        return result
    }

    /// The lists of values of `matcher.name` that the matcher matches (`selecting`) or
    /// does not match (`!selecting`).
    private func lists(for matcher: LabelMatcher, selecting: Bool) -> [[UInt64]] {
        guard let byValue = postings[matcher.name] else { return [] }
        // Fast paths: an equality (or a literal alternation) selecting values needs lookups only.
        if selecting {
            if matcher.type == .equal {
                return byValue[matcher.value].map { [$0] } ?? []
            }
            if matcher.type == .regexMatch, let literals = matcher.regex?.literals {
                return literals.compactMap { byValue[$0] }
            }
        }
        var lists: [[UInt64]] = []
        for (value, list) in byValue where matcher.matches(value) == selecting {
            lists.append(list)
        }
        return lists
    }
}
