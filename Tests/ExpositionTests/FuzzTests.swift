import Testing
@testable import Exposition

/// Random mutations of real inputs: every parser must finish, either parsing or reporting
/// an error whose position lies inside the input. Seeds are fixed so failures repeat.
@Suite("fuzzing with mutated real inputs")
struct FuzzTests {
    static let interestingBytes: [UInt8] = Array("{}\"\\=,# \n\te.-+_:0123456789InfNaEOF".utf8) + [0x00, 0xFF, 0xC3, 0x80]

    static let corpus: [[UInt8]] = {
        var inputs = ["promtestdata.txt", "benchmark/alltypes.5mfs.om.txt", "benchmark/1histogram.om.txt"]
            .compactMap(TextparseData.bytes)
        inputs += OpenMetricsCase.all().map(\.input)
        return inputs
    }()

    /// A window of about `length` bytes starting at a line boundary.
    static func window(of input: [UInt8], length: Int, random: inout SeededGenerator) -> [UInt8] {
        guard input.count > length else { return input }
        var start = Int(random.next() % UInt64(input.count - length))
        while start > 0 && input[start - 1] != 0x0A { start -= 1 }
        return Array(input[start..<min(input.count, start + length)])
    }

    static func mutate(_ input: [UInt8], random: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.next() % 4) {
            guard !bytes.isEmpty else { break }
            let position = Int(random.next() % UInt64(bytes.count))
            switch random.next() % 6 {
            case 0: bytes[position] = interestingBytes[Int(random.next() % UInt64(interestingBytes.count))]
            case 1: bytes[position] = UInt8(truncatingIfNeeded: random.next())
            case 2: bytes.insert(interestingBytes[Int(random.next() % UInt64(interestingBytes.count))], at: position)
            case 3: bytes.removeSubrange(position..<min(bytes.count, position + 1 + Int(random.next() % 8)))
            case 4: bytes.removeSubrange(position...)  // truncation
            default:
                let end = min(bytes.count, position + 1 + Int(random.next() % 16))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return bytes
    }

    /// Runs a parser over `bytes` and checks it ends and reports a sane position.
    static func check<P: ExpositionParser>(_ parser: inout P, _ bytes: [UInt8]) {
        let lines = bytes.count { $0 == 0x0A } + 1
        var entries = 0
        do {
            while try parser.next() != nil {
                entries += 1
                // Each entry consumes at least one line; more would mean a loop.
                guard entries <= lines else {
                    Issue.record("more entries than lines in \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                    return
                }
            }
        } catch {
            #expect(error.line >= 1 && error.line <= lines + 1, "\(error)")
            #expect(error.column >= 1 && error.column <= bytes.count + 1, "\(error)")
            #expect(!error.message.isEmpty)
        }
    }

    @Test("random mutations never crash or hang any parser", arguments: 0..<10)
    func mutations(batch: UInt64) {
        var random = SeededGenerator(seed: 0xF00D + batch)
        for _ in 0..<500 {
            let source = Self.corpus[Int(random.next() % UInt64(Self.corpus.count))]
            let input = Self.mutate(Self.window(of: source, length: 1500, random: &random), random: &random)
            var text = TextParser(bytes: input)
            Self.check(&text, input)
            var strict = OpenMetricsParser(bytes: input)
            Self.check(&strict, input)
            var lenient = OpenMetricsParser(bytes: input, options: .prometheusCompatible)
            Self.check(&lenient, input)
        }
    }

    @Test("every truncation of the OpenMetrics benchmark input ends with a result")
    func truncations() throws {
        let input = try #require(TextparseData.bytes("benchmark/1histogram.om.txt"))
        for end in stride(from: 0, through: input.count, by: 7) {
            let prefix = Array(input[..<end])
            var strict = OpenMetricsParser(bytes: prefix)
            Self.check(&strict, prefix)
            var text = TextParser(bytes: prefix)
            Self.check(&text, prefix)
        }
    }

    @Test("random bytes never crash any parser")
    func randomBytes() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<2000 {
            let length = Int(random.next() % 64)
            let input = (0..<length).map { _ in
                random.next() % 2 == 0 ? Self.interestingBytes[Int(random.next() % UInt64(Self.interestingBytes.count))]
                    : UInt8(truncatingIfNeeded: random.next())
            }
            var text = TextParser(bytes: input)
            Self.check(&text, input)
            var strict = OpenMetricsParser(bytes: input)
            Self.check(&strict, input)
        }
    }
}
