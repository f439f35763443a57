import Foundation
import Testing
@testable import TSDB

@Suite("Snapshot")
struct SnapshotTests {
    private func filledStore(series: Int, samples: Int) throws -> TimeSeriesStore {
        let store = TimeSeriesStore(options: .init(stripeCount: 8))
        var appender = store.appender()
        var random = SeededRandom(seed: 7)
        for index in 0..<series {
            let labels = Labels(["__name__": "m", "i": "\(index)", "z": index % 2 == 0 ? "even" : "odd"])
            for sample in 0..<samples {
                let value = sample % 17 == 16 ? StaleNaN : Double(Int.random(in: 0...100, using: &random))
                try appender.append(labels, t: Int64(sample) * 15_000, v: value)
            }
        }
        appender.commit()
        store.truncate(before: -5)
        return store
    }

    private func snapshotBytes(_ store: TimeSeriesStore) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-tsdb-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try store.writeSnapshot(to: directory)
        return try SnapshotFile.readAll(directory + "/" + TimeSeriesStore.snapshotFileName)
    }

    private func everything(_ store: TimeSeriesStore) throws -> [[Point]] {
        store.querier(mint: .min, maxt: .max).select([try LabelMatcher(.notEqual, "__name__", "")]).map(\.points)
    }

    @Test("round trips series, samples, labels and the retention bound")
    func roundTrip() throws {
        let store = try filledStore(series: 30, samples: 300)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-tsdb-rt").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try store.writeSnapshot(to: directory)
        try store.writeSnapshot(to: directory)  // overwriting an existing snapshot works
        let restored = try TimeSeriesStore.restore(from: directory)
        #expect(try everything(restored) == everything(store))
        let labels = { (s: TimeSeriesStore) in
            s.querier(mint: .min, maxt: .max).select([try LabelMatcher(.equal, "z", "odd")]).map(\.labels)
        }
        #expect(try labels(restored) == labels(store))
        #expect(restored.stats().sampleCount == store.stats().sampleCount)
        #expect(restored.stats().chunkCount == store.stats().chunkCount)
        #expect(restored.minValidTime.load(ordering: .relaxed) == -5)
        // The restored head chunk keeps accepting samples.
        var appender = restored.appender()
        try appender.append(Labels(["__name__": "m", "i": "0", "z": "even"]), t: 300 * 15_000, v: 1)
        #expect(appender.commit().appended == 1)
    }

    @Test("reports a missing snapshot as not found")
    func missing() {
        #expect {
            try TimeSeriesStore.restore(from: "/nonexistent/vigil")
        } throws: { error in
            (error as? SnapshotError)?.isNotFound == true
        }
    }

    @Test("detects truncation at every offset")
    func truncation() throws {
        let bytes = try snapshotBytes(try filledStore(series: 3, samples: 130))
        for length in 0..<bytes.count {
            #expect(throws: SnapshotError.self, "length \(length)") {
                try TimeSeriesStore.restore(snapshot: Array(bytes[0..<length]))
            }
        }
        #expect(throws: SnapshotError.self) { try TimeSeriesStore.restore(snapshot: bytes + [0]) }
    }

    @Test("detects a flipped bit in every byte")
    func byteFlips() throws {
        let bytes = try snapshotBytes(try filledStore(series: 3, samples: 130))
        for offset in 0..<bytes.count {
            for bit in [0, 7] {
                var damaged = bytes
                damaged[offset] ^= 1 << UInt8(bit)
                #expect(throws: SnapshotError.self, "offset \(offset) bit \(bit)") {
                    try TimeSeriesStore.restore(snapshot: damaged)
                }
            }
        }
    }

    @Test("names the failure: magic, version, checksum")
    func specificErrors() throws {
        let bytes = try snapshotBytes(try filledStore(series: 1, samples: 5))
        var magic = bytes
        magic[0] = 0
        #expect(throws: SnapshotError.badMagic) { try TimeSeriesStore.restore(snapshot: magic) }
        var version = bytes
        version[8] = 9
        #expect(throws: SnapshotError.unsupportedVersion(9)) { try TimeSeriesStore.restore(snapshot: version) }
        var payload = bytes
        payload[bytes.count - 1] ^= 0xff
        #expect {
            try TimeSeriesStore.restore(snapshot: payload)
        } throws: { error in
            if case SnapshotError.checksumMismatch = error { return true }
            return false
        }
    }

    @Test("rejects a payload with a valid checksum that does not decode")
    func malformedPayload() throws {
        var payload = ByteWriter()
        payload.varint(0)
        payload.uvarint(1)      // one series
        payload.uvarint(1)      // one label
        payload.string("b")
        payload.string("")      // empty value: invalid
        payload.uvarint(0)
        let file = SnapshotCodec.encodeHeader(payload: payload.bytes) + payload.bytes
        #expect {
            try TimeSeriesStore.restore(snapshot: file)
        } throws: { error in
            if case SnapshotError.malformed = error { return true }
            return false
        }
    }
}
