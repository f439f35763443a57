/// The parameters of one API request: the URL query and, for form POSTs, the body, read
/// as Go's `Request.ParseForm` reads them (body values before URL values, `+` as space,
/// pairs with bad escapes or `;` skipped).
public struct APIParameters: Sendable, Equatable {
    private var pairs: [(name: String, value: String)]

    /// Parameters from a raw query string (`query=up&time=10`) and an optional
    /// `application/x-www-form-urlencoded` body, which takes precedence.
    public init(query: String?, formBody: String? = nil) {
        pairs = []
        if let formBody { pairs += Self.decode(formBody) }
        if let query { pairs += Self.decode(query) }
    }

    /// Parameters given directly (the CLI), in order.
    public init(_ pairs: [(String, String)]) {
        self.pairs = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The first value of `name`, or nil when absent.
    public func value(_ name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value of `name` in order (`match[]` may repeat).
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    public static func == (lhs: APIParameters, rhs: APIParameters) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Splits `a=1&b=2` and unescapes each side; a pair that fails is dropped, as Go does.
    static func decode(_ text: String) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for part in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if part.contains(UInt8(ascii: ";")) { continue }
            let name: ArraySlice<UInt8>
            let value: ArraySlice<UInt8>
            let bytes = ArraySlice(part)
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
                name = bytes[..<equals]
                value = bytes[(equals + 1)...]
            } else {
                name = bytes
                value = []
            }
            guard let decodedName = unescape(name), let decodedValue = unescape(value) else { continue }
            result.append((decodedName, decodedValue))
        }
        return result
    }

    /// Percent-decoding with `+` as space; nil on a malformed escape.
    static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                    return nil
                }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
