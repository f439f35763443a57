/// Numbers, durations and strings: the lexer states that validate literal syntax.
extension Lexer {
    mutating func lexNumberOrDuration() {
        if scanNumber() {
            emit(.number)
            return
        }
        // Not a number: maybe a duration such as `5m` or `1h30m`.
        if acceptRemainingDuration() {
            emit(.duration)
            return
        }
        fail("bad number or duration syntax: \(GoQuoting.quote(pendingText))")
    }

    /// Consumes a decimal or hexadecimal number; true if no letter or digit follows it.
    mutating func scanNumber() -> Bool {
        var digits = "0123456789"
        if accept("0") && accept("xX") {
            digits = "0123456789abcdefABCDEF"
        }
        acceptRun(digits)
        if accept(".") {
            acceptRun(digits)
        }
        if accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789")
        }
        return !Self.isAlphaNumeric(peek())
    }

    /// After digits: units (`s m h d w y`, `ms`) and further number-unit groups, which must
    /// not be followed by a letter or digit.
    mutating func acceptRemainingDuration() -> Bool {
        guard accept("smhdwy") else { return false }
        _ = accept("s")
        while accept("0123456789") {
            acceptRun("0123456789")
            guard accept("smhdw") else { return false }
            _ = accept("s")
        }
        guard position < bytes.count else { return true }
        if Self.isAlphaNumeric(bytes[position]) {
            position += 1  // Prometheus quotes the offending character in its message.
            return false
        }
        return true
    }

    mutating func lexString(quote: UInt8) {
        while true {
            guard let scalar = peekScalar() else {
                fail("unterminated quoted string")
                return
            }
            position += scalar.width
            switch scalar.scalar {
            case "\\":
                if let message = lexEscape(quote: quote) {
                    fail(message)
                    return
                }
            case "\n":
                fail("unterminated quoted string")
                return
            case "\u{FFFD}":
                // Go cannot tell U+FFFD from undecodable bytes and rejects both.
                fail("invalid UTF-8 rune")
                return
            case _ where scalar.scalar.value == UInt32(quote):
                emit(.string)
                return
            default:
                continue
            }
        }
    }

    mutating func lexRawString() {
        while true {
            guard let scalar = peekScalar() else {
                fail("unterminated raw string")
                return
            }
            position += scalar.width
            if scalar.scalar == "\u{FFFD}" {
                fail("invalid UTF-8 rune")
                return
            }
            if scalar.scalar == "`" {
                emit(.string)
                return
            }
        }
    }

    /// Validates one escape after a backslash; returns Prometheus's message if it is bad.
    mutating func lexEscape(quote: UInt8) -> String? {
        guard let first = peekScalar() else { return "escape sequence not terminated" }
        position += first.width
        var current = first.scalar
        let count: Int
        let base: UInt32
        let maximum: UInt32
        switch current {
        case "a", "b", "f", "n", "r", "t", "v", "\\": return nil
        case _ where current.value == UInt32(quote): return nil
        case "0"..."7": (count, base, maximum) = (3, 8, 255)
        case "x", "u", "U":
            (count, base, maximum) = current == "x" ? (2, 16, 255) : (current == "u" ? 4 : 8, 16, 0x10FFFF)
            guard let following = peekScalar() else { return "escape sequence not terminated" }
            position += following.width
            current = following.scalar
        default:
            return "unknown escape sequence \(GoQuoting.unicodeDescription(current))"
        }
        var value: UInt32 = 0
        var remaining = count
        while remaining > 0 {
            guard let digit = Self.digitValue(current), digit < base else {
                return "illegal character \(GoQuoting.unicodeDescription(current)) in escape sequence"
            }
            value = value * base + digit
            remaining -= 1
            if remaining > 0 {
                guard let following = peekScalar() else { return "escape sequence not terminated" }
                position += following.width
                current = following.scalar
            }
        }
        if value > maximum || (0xD800..<0xE000).contains(value) {
            return "escape sequence is an invalid Unicode code point"
        }
        return nil
    }

    static func digitValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": return scalar.value - 48
        case "a"..."f": return scalar.value - 97 + 10
        case "A"..."F": return scalar.value - 65 + 10
        default: return nil
        }
    }
}
