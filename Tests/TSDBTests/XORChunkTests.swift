import Testing
@testable import TSDB

struct ChunkCase: CustomTestStringConvertible, Sendable {
    let name: String
    let points: [Point]
    var testDescription: String { name }
}

private func regular(_ values: [Double], start: Int64 = 1_700_000_000_000, step: Int64 = 15_000) -> [Point] {
    values.enumerated().map { Point(t: start + Int64($0.offset) * step, v: $0.element) }
}

private func randomCase(seed: UInt64, count: Int) -> ChunkCase {
    var random = SeededRandom(seed: seed)
    let specials: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.0, StaleNaN,
                              .greatestFiniteMagnitude, .leastNonzeroMagnitude, -1e-300]
    var t = Int64.random(in: -1_000_000...1_000_000_000_000, using: &random)
    var points: [Point] = []
    for _ in 0..<count {
        // Jitter steps across every delta-of-delta width, including huge jumps.
        let widths: [Int64] = [0, 1, 5_000, 60_000, 500_000, 40_000_000, 1 << 40]
        t += 1 + Int64.random(in: 0...widths[Int.random(in: 0..<widths.count, using: &random)], using: &random)
        let value: Double
        switch Int.random(in: 0..<4, using: &random) {
        case 0: value = specials[Int.random(in: 0..<specials.count, using: &random)]
        case 1: value = Double(bitPattern: random.next())  // any bits, including odd NaN payloads
        case 2: value = points.last?.v ?? 1
        default: value = Double(Int.random(in: -1000...1000, using: &random))
        }
        points.append(Point(t: t, v: value))
    }
    return ChunkCase(name: "random seed \(seed)", points: points)
}

let chunkCases: [ChunkCase] = [
    ChunkCase(name: "empty", points: []),
    ChunkCase(name: "one sample", points: [Point(t: 42, v: 3.5)]),
    ChunkCase(name: "stale NaN after values", points: regular([1, 2, StaleNaN, 4, StaleNaN])),
    ChunkCase(name: "counter reset", points: regular([10, 20, 30, 0, 5, 15])),
    ChunkCase(name: "infinities and NaN", points: regular([.infinity, -.infinity, .nan, 1, .infinity])),
    ChunkCase(name: "negative zero", points: regular([0.0, -0.0, 0.0, -0.0])),
    ChunkCase(name: "constant value", points: regular(Array(repeating: 7, count: 120))),
    ChunkCase(name: "negative timestamps", points: regular([1, 2, 3], start: -100_000, step: 1)),
    ChunkCase(name: "extreme timestamps",
              points: [Point(t: .min + 1, v: 1), Point(t: 0, v: 2), Point(t: .max - 1, v: 3)]),
] + (1...8).map { randomCase(seed: $0, count: XORChunk.targetSampleCount) }

@Suite("Gorilla XOR chunk")
struct XORChunkTests {
    @Test("round trips samples bit-exactly", arguments: chunkCases)
    func roundTrip(_ chunkCase: ChunkCase) {
        var chunk = XORChunk()
        for point in chunkCase.points { chunk.append(t: point.t, v: point.v) }
        var decoded: [Point] = []
        var iterator = chunk.makeIterator()
        while let point = iterator.next() { decoded.append(point) }
        #expect(decoded == chunkCase.points)
        #expect(decoded.map(\.v.bitPattern) == chunkCase.points.map(\.v.bitPattern))
        #expect(chunk.count == chunkCase.points.count)
    }

    @Test("restores a decoded chunk that accepts further appends", arguments: chunkCases.filter { !$0.points.isEmpty })
    func restoreAsHead(_ chunkCase: ChunkCase) throws {
        var chunk = XORChunk()
        for point in chunkCase.points { chunk.append(t: point.t, v: point.v) }
        var restored = try #require(XORChunk(
            decoding: chunk.writer.bytes, bitCount: chunk.writer.bitCount, count: chunk.count,
            minTime: chunk.minTime, maxTime: chunk.maxTime, asHead: true))
        restored.append(t: chunk.maxTime + 1, v: 99)
        chunk.append(t: chunk.maxTime + 1, v: 99)
        #expect(restored.writer.bytes == chunk.writer.bytes)
    }

    @Test("compresses regular scrapes to under two bytes per sample")
    func compression() {
        var chunk = XORChunk()
        var value = 1000.0
        for index in 0..<120 {
            value += Double(index % 7)
            chunk.append(t: 1_700_000_000_000 + Int64(index) * 15_000, v: value)
        }
        #expect(chunk.byteCount < 120 * 2)
    }

    @Test("stops cleanly on a truncated payload")
    func truncatedPayload() {
        var chunk = XORChunk()
        for point in randomCase(seed: 99, count: 50).points { chunk.append(t: point.t, v: point.v) }
        for cut in stride(from: 0, to: chunk.writer.bitCount, by: 7) {
            var iterator = XORChunkIterator(bytes: chunk.writer.bytes, bitCount: cut, count: chunk.count)
            var seen = 0
            while iterator.next() != nil { seen += 1 }
            #expect(seen < chunk.count)
        }
    }
}
