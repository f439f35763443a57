import Testing
@testable import TSDB

@Suite("Labels")
struct LabelsTests {
    @Test("sorts by name, keeps the last duplicate and drops empty values")
    func normalizes() {
        let labels = Labels([Label(name: "job", value: "a"), Label(name: "__name__", value: "up"),
                             Label(name: "job", value: "b"), Label(name: "env", value: "")])
        #expect(labels.pairs.map(\.name) == ["__name__", "job"])
        #expect(labels["job"] == "b")
        #expect(labels["env"] == nil)
        #expect(labels.metricName == "up")
        #expect(labels.description == #"{__name__="up", job="b"}"#)
    }

    @Test("hashes stably and equally for equal sets built in any order")
    func stableHash() {
        let a = Labels(["__name__": "up", "job": "api", "instance": "x:1"])
        let b = Labels([Label(name: "instance", value: "x:1"), Label(name: "job", value: "api"),
                        Label(name: "__name__", value: "up")])
        #expect(a == b)
        #expect(a.stableHash == b.stableHash)
        #expect(Labels().stableHash == 0xcbf2_9ce4_8422_2325)
        // The separator keeps {a="bc"} and {ab="c"} apart.
        #expect(Labels(["a": "bc"]).stableHash != Labels(["ab": "c"]).stableHash)
    }

    @Test("orders sets pair by pair, shorter first on a common prefix")
    func ordering() {
        #expect(Labels(["a": "1"]) < Labels(["a": "2"]))
        #expect(Labels(["a": "1"]) < Labels(["a": "1", "b": "1"]))
        #expect(!(Labels(["b": "1"]) < Labels(["a": "1", "b": "1"])))
    }

    @Test("keeps series apart when their label hashes collide")
    func hashCollision() {
        var stripe = TimeSeriesStore.Stripe()
        let first = Labels(["__name__": "a"])
        let second = Labels(["__name__": "b"])
        let forcedHash: UInt64 = 7
        stripe.insert(MemorySeries(ref: 1, labels: first), hash: forcedHash)
        #expect(stripe.series(for: second, hash: forcedHash) == nil)
        stripe.insert(MemorySeries(ref: 2, labels: second), hash: forcedHash)
        #expect(stripe.series(for: first, hash: forcedHash)?.ref == 1)
        #expect(stripe.series(for: second, hash: forcedHash)?.ref == 2)
        stripe.remove(1, hash: forcedHash)
        #expect(stripe.series(for: first, hash: forcedHash) == nil)
        #expect(stripe.series(for: second, hash: forcedHash)?.ref == 2)
    }

    @Test("stale NaN keeps its bits and is told apart from other NaNs")
    func staleMarker() {
        #expect(StaleNaN.bitPattern == 0x7ff0_0000_0000_0002)
        #expect(isStaleNaN(StaleNaN))
        #expect(!isStaleNaN(.nan))
        #expect(!isStaleNaN(1))
    }
}
