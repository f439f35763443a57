import Testing
@testable import PromQL

@Suite("Traversal")
struct InspectTests {
    @Test("visits every node in source order with its ancestors")
    func visitsAll() throws {
        let tree = try Parser.parse("sum(rate(a[5m])) / on (job) b + max_over_time(c[1h:5m])")
        var names: [String] = []
        var depths: [String: Int] = [:]
        tree.inspect { node, path in
            if case .vectorSelector(let selector) = node, let name = selector.name {
                names.append(name)
                depths[name] = path.count
            }
            return true
        }
        #expect(names == ["a", "b", "c"])
        #expect(depths == ["a": 5, "b": 2, "c": 3])
    }

    @Test("returning false skips the children of a node")
    func skipsChildren() throws {
        let tree = try Parser.parse("a + sum_over_time(b[10m:1m]) + c")
        var names: [String] = []
        tree.inspect { node, _ in
            if case .subquery = node { return false }
            if case .vectorSelector(let selector) = node, let name = selector.name { names.append(name) }
            return true
        }
        #expect(names == ["a", "c"])
    }
}
