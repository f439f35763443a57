/// The rules yaml.v2 (resolution) and libyaml (plain-scalar analysis) apply when deciding
/// how to write a string, reimplemented from their documented behaviour.
enum ScalarResolution {
    /// YAML 1.1 words that yaml.v2 resolves to booleans or null.
    private static let reservedWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
        "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
        "~", "null", "Null", "NULL",
        ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
        ".nan", ".NaN", ".NAN", "<<",
    ]

    private static let reservedFirstBytes = Set(reservedWords.compactMap { $0.utf8.first })

    /// True if a plain scalar with this text would be read back as something other than a
    /// string (bool, null, int, float, timestamp, base-60 float), so it must be quoted.
    static func readsAsNonString(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        if reservedFirstBytes.contains(first), reservedWords.contains(text) { return true }
        guard isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        else { return false }
        let bytes = Array(text.utf8)
        return isInteger(bytes) || isFloat(bytes) || isBase60Float(bytes) || isTimestamp(bytes)
    }

    /// Integers as Go's `strconv.ParseInt(s, 0, 64)` reads them after yaml.v2 drops `_`.
    private static func isInteger(_ raw: [UInt8]) -> Bool {
        var bytes = raw.filter { $0 != UInt8(ascii: "_") }
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes.removeFirst() }
        guard !bytes.isEmpty else { return false }
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let rest = bytes.dropFirst(2)
            switch bytes[1] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): return rest.allSatisfy(isHexDigit)
            case UInt8(ascii: "o"), UInt8(ascii: "O"): return rest.allSatisfy(isOctalDigit)
            case UInt8(ascii: "b"), UInt8(ascii: "B"): return rest.allSatisfy { $0 == 48 || $0 == 49 }
            default: break
            }
        }
        return bytes.allSatisfy(isDigit)
    }

    /// yaml.v2's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    private static func isFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = digits()
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// yaml.v2's base-60 float pattern `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    private static func isBase60Float(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return false }
        while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
        var groups = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            let start = index
            while index < bytes.count, isDigit(bytes[index]), index - start < 2 { index += 1 }
            let count = index - start
            guard count == 1 || (count == 2 && bytes[start] <= UInt8(ascii: "5")) else { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
        }
        return index == bytes.count
    }

    /// A date `YYYY-M-D`, alone or followed by a time (`T`, `t` or space): yaml.v2 resolves
    /// these to timestamps. Only the date part is checked; quoting a look-alike is harmless.
    private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits(max: Int) -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]), index - start < max { index += 1 }
            return index - start
        }
        guard digits(max: 4) == 4, index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
        index += 1
        guard (1...2).contains(digits(max: 2)), index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
        index += 1
        guard (1...2).contains(digits(max: 2)) else { return false }
        return index == bytes.count || [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[index])
    }

    /// libyaml's test for whether a string may be written as a plain scalar in block context.
    static func canBePlain(_ text: String) -> Bool {
        // Every character that matters here is ASCII, so bytes suffice.
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        if first == space || first == tab || last == space || last == tab { return false }
        if text.hasPrefix("---") || text.hasPrefix("...") { return false }
        func followedByBlank(_ index: Int) -> Bool {
            index + 1 >= bytes.count || bytes[index + 1] == space || bytes[index + 1] == tab
        }
        if leadingIndicators.contains(first) { return false }
        if (first == UInt8(ascii: "?") || first == UInt8(ascii: ":") || first == UInt8(ascii: "-")) && followedByBlank(0) {
            return false
        }
        for index in bytes.indices.dropFirst() {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") && followedByBlank(index) { return false }
            if byte == UInt8(ascii: "#") && (bytes[index - 1] == space || bytes[index - 1] == tab) { return false }
        }
        return true
    }

    private static let leadingIndicators = Set("#,[]{}&*!|>'\"%@`".utf8)

    /// Control characters (tab included: libyaml does not count it as printable) and a few
    /// Unicode specials libyaml refuses in plain and single-quoted scalars.
    static func hasUnprintable(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F
                || (0x80...0x9F).contains(scalar.value) || scalar.value == 0xFEFF
                || (0xD800...0xDFFF).contains(scalar.value) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        }
    }

    /// A float written the way yaml.v2 does for common values.
    static func goFloatText(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value > 0 ? ".inf" : "-.inf" }
        if value == value.rounded(), abs(value) < 1e21 { return String(Int64(value)) }
        return String(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    private static func isOctalDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 55 }
    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 65 && byte <= 70) || (byte >= 97 && byte <= 102)
    }
}
