/// An interning table for label names and values that repeat across lines and scrapes.
///
/// Parsers look byte slices up here instead of building a new `String` each time, so a
/// scrape of a target whose series did not change allocates almost no strings, and equal
/// strings share storage downstream. Keep one table per target and hand it to the next
/// parser:
///
/// ```swift
/// var parser = TextParser(bytes: body, symbols: symbols)
/// while let entry = try parser.next() { ... }
/// symbols = parser.symbols
/// ```
///
/// The table is bounded: when it holds more than `capacity` strings it starts over, so a
/// target with ever-changing label values (request IDs, timestamps) cannot grow it forever.
public struct SymbolTable: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var offset: Int32
        var length: Int32
        var string: String
    }

    /// Short strings are stored inline by `String` without allocating; interning them would
    /// cost a hash and a compare for nothing.
    static let inlineLimit = 15

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    private var slots: [Int32]
    private let maximumCount: Int

    /// Creates an empty table that holds at most `capacity` strings before starting over.
    public init(capacity: Int = 100_000) {
        maximumCount = max(capacity, 16)
        // Small at first: the operator keeps one table per target, tens of thousands of
        // them, most never holding more than a few dozen strings. It doubles as it fills.
        slots = Array(repeating: -1, count: 64)
    }

    /// The number of strings interned.
    public var count: Int { entries.count }

    /// The string for the UTF-8 bytes `bytes[start..<end]`, shared with earlier calls for the
    /// same bytes. The caller has checked that the bytes are valid UTF-8.
    mutating func string(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
        let length = end - start
        if length <= Self.inlineLimit {
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        let hash = bytes.withUnsafeBufferPointer { buffer in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
            for byte in UnsafeBufferPointer(rebasing: buffer[start..<end]) {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
            return hash
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if entries[index].hash == hash && Int(entries[index].length) == length
                && arenaMatches(Int(entries[index].offset), bytes, start, length) {
                return entries[index].string
            }
            slot = (slot + 1) & mask
        }
        let string = String(decoding: bytes[start..<end], as: UTF8.self)
        insert(string, bytes, start, end, hash: hash, slot: slot)
        return string
    }

    private func arenaMatches(_ offset: Int, _ bytes: [UInt8], _ start: Int, _ length: Int) -> Bool {
        for k in 0..<length where arena[offset + k] != bytes[start + k] {
            return false
        }
        return true
    }

    private mutating func insert(
        _ string: String, _ bytes: [UInt8], _ start: Int, _ end: Int, hash: UInt64, slot: Int
    ) {
        if entries.count >= maximumCount || arena.count + (end - start) > Int(Int32.max) {
            self = SymbolTable(capacity: maximumCount)
            _ = self.string(bytes, start, end)
            return
        }
        entries.append(Entry(hash: hash, offset: Int32(arena.count), length: Int32(end - start), string: string))
        arena.append(contentsOf: bytes[start..<end])
        slots[slot] = Int32(entries.count - 1)
        if entries.count * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        var newSlots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = newSlots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while newSlots[slot] >= 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(index)
        }
        slots = newSlots
    }
}
