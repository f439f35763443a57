import PromQL

/// Appends JSON to a byte buffer exactly as Prometheus's API encodes it (Go's
/// `encoding/json` rules through jsoniter): `<`, `>`, `&`, U+2028 and U+2029 escaped as
/// `\u003c`…, control characters as `\n`, `\r`, `\t` or `\u00XX`, sample values as Go
/// float strings (`"NaN"`, `"+Inf"`), timestamps as seconds.
///
/// A writer appends; the caller places commas with ``separator(_:)``. Output is fully
/// deterministic (label sets are already sorted), which keeps responses comparable byte
/// for byte with Prometheus's.
struct APIJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Raw ASCII punctuation or a literal such as `{"status":"success"`.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A comma before every element but the first.
    mutating func separator(_ isFirst: inout Bool) {
        if isFirst {
            isFirst = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// A quoted, escaped string.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0x00..<0x20:
                unicodeEscape(UInt16(byte))
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8/A9) break JavaScript, so Go escapes them.
                guard let second = utf8.next() else {
                    bytes.append(byte)
                    break
                }
                guard let third = utf8.next() else {
                    bytes.append(contentsOf: [byte, second])
                    break
                }
                if second == 0x80, third == 0xA8 || third == 0xA9 {
                    unicodeEscape(third == 0xA8 ? 0x2028 : 0x2029)
                } else {
                    bytes.append(contentsOf: [byte, second, third])
                }
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func unicodeEscape(_ scalar: UInt16) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hex[Int((scalar >> UInt16(shift)) & 0xF)])
        }
    }

    /// A sample value: Go's shortest float formatting, quoted (`"1.5"`, `"NaN"`, `"-Inf"`).
    mutating func sampleValue(_ value: Double) {
        bytes.append(UInt8(ascii: "\""))
        if value.isFinite, value == value.rounded(.towardZero), value.magnitude < 1e15,
           value != 0 || value.sign == .plus {
            // Integral values are by far the most common; skip the general formatter.
            integer(Int64(value))
        } else if value.isFinite {
            // Swift's description has the same shortest round-trip digits as Go; only its
            // exponent form (1e-05, 1e+16) and a trailing ".0" need Go's treatment.
            var text = value.description
            text.withUTF8 { utf8 in
                if utf8.contains(UInt8(ascii: "e")) {
                    bytes.append(contentsOf: GoFloatFormat.shortest(value).utf8)
                } else if utf8.count > 2, utf8[utf8.count - 2] == UInt8(ascii: "."), utf8[utf8.count - 1] == UInt8(ascii: "0") {
                    bytes.append(contentsOf: utf8[..<(utf8.count - 2)])
                } else {
                    bytes.append(contentsOf: utf8)
                }
            }
        } else {
            bytes.append(contentsOf: GoFloatFormat.shortest(value).utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A point's timestamp as Prometheus's `MarshalTimestamp` writes it: whole seconds,
    /// then `.` and exactly three digits when there are milliseconds (`100.050`).
    mutating func pointTimestamp(_ milliseconds: Int64) {
        var magnitude = milliseconds.magnitude
        if milliseconds < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        let fraction = magnitude % 1000
        magnitude /= 1000
        unsignedInteger(magnitude)
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            if fraction < 100 { bytes.append(UInt8(ascii: "0")) }
            if fraction < 10 { bytes.append(UInt8(ascii: "0")) }
            unsignedInteger(fraction)
        }
    }

    /// A scalar's or string's timestamp: seconds in Go's shortest float form (`1.5`).
    mutating func shortestTimestamp(_ milliseconds: Int64) {
        bytes.append(contentsOf: GoFloatFormat.shortest(Double(milliseconds) / 1000).utf8)
    }

    /// `[<timestamp>,"<value>"]` for a vector sample or a matrix point.
    mutating func point(t: Int64, v: Double) {
        bytes.append(UInt8(ascii: "["))
        pointTimestamp(t)
        bytes.append(UInt8(ascii: ","))
        sampleValue(v)
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        unsignedInteger(value.magnitude)
    }

    private mutating func unsignedInteger(_ value: UInt64) {
        if value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(buffer[index])
            }
        }
    }
}
