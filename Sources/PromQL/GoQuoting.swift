/// Go's `%q`, `%#U` and related formatting, so messages read exactly like Prometheus's.
enum GoQuoting {
    /// `strconv.Quote`: double quotes, Go escapes for control and non-printable characters.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            // Strings hold undecodable bytes (from `\x80`) as U+FFFD, which Prometheus's
            // lexer rejects when written literally; the escape keeps printed queries parseable.
            out += scalar == "\u{FFFD}" ? "\\ufffd" : escaped(scalar, quote: "\"")
        }
        return out + "\""
    }

    /// `strconv.QuoteRune`: single quotes.
    static func quoteRune(_ scalar: Unicode.Scalar) -> String {
        "'" + escaped(scalar, quote: "'") + "'"
    }

    /// `%#U`: `U+0071 'q'`, or just `U+000A` when not printable.
    static func unicodeDescription(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return isPrintable(scalar) ? "\(code) '\(scalar)'" : code
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII
    /// space; other spaces, controls, format characters and unassigned code points are not.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar, quote: Character) -> String {
        switch scalar {
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        case "\u{0C}": return "\\f"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\u{0B}": return "\\v"
        case "\\": return "\\\\"
        default:
            if Character(scalar) == quote { return "\\" + String(quote) }
            if isPrintable(scalar) { return String(scalar) }
            let hex = String(scalar.value, radix: 16)
            if scalar.value < 0x80 { return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
            if scalar.value < 0x10000 { return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
            return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }
    }
}
