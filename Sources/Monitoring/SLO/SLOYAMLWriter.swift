/// A small block-style YAML writer with ordered mappings, for rule files.
///
/// Output shape follows Go's yaml.v2 (which Sloth uses): sequences not indented under their
/// key, multi-line strings as literal blocks (`|` with a final newline, `|-` without), plain
/// scalars where safe, quotes otherwise. It writes only what rule files need.
struct SLOYAMLWriter {
    indirect enum Node {
        case scalar(String)
        case mapping([(String, Node)])
        case sequence([Node])
    }

    /// The document for `node` (a mapping or sequence at the root), ending in a newline.
    static func write(_ node: Node) -> String {
        var output = ""
        emit(node, indent: 0, into: &output)
        return output
    }

    /// Writes `node` as block content at `indent`. `firstPrefix` replaces the indentation of
    /// the first line (a sequence item's "- " before its first key).
    private static func emit(_ node: Node, indent: Int, firstPrefix: String? = nil, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        var linePrefix = firstPrefix ?? pad
        switch node {
        case .scalar(let value):
            output += linePrefix + inlineScalar(value) + "\n"
        case .mapping(let entries):
            for (key, value) in entries {
                emitEntry(prefix: linePrefix + inlineScalar(key) + ":", value, indent: indent, into: &output)
                linePrefix = pad
            }
        case .sequence(let items):
            for item in items {
                switch item {
                case .mapping(let entries) where !entries.isEmpty:
                    // "- " then the first key on the same line, the rest aligned under it.
                    emit(item, indent: indent + 2, firstPrefix: linePrefix + "- ", into: &output)
                default:
                    emitEntry(prefix: linePrefix + "-", item, indent: indent, into: &output)
                }
                linePrefix = pad
            }
        }
    }

    private static func emitEntry(prefix: String, _ value: Node, indent: Int, into output: inout String) {
        switch value {
        case .scalar(let text) where text.contains("\n") && canUseLiteralBlock(text):
            let chomp = text.hasSuffix("\n") ? "" : "-"
            output += prefix + " |" + chomp + "\n"
            let body = text.hasSuffix("\n") ? text.dropLast() : Substring(text)
            let contentPad = String(repeating: " ", count: indent + 2)
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                if !line.isEmpty { output += contentPad + line }
                output += "\n"
            }
        case .scalar(let text):
            output += prefix + " " + inlineScalar(text) + "\n"
        case .mapping(let entries) where entries.isEmpty:
            output += prefix + " {}\n"
        case .sequence(let items) where items.isEmpty:
            output += prefix + " []\n"
        case .mapping:
            output += prefix + "\n"
            emit(value, indent: indent + 2, into: &output)
        case .sequence:
            output += prefix + "\n"
            emit(value, indent: indent, into: &output)
        }
    }

    /// Literal blocks cannot carry a leading space on the first line (it would need an
    /// indentation indicator), several trailing newlines, tabs or control characters.
    private static func canUseLiteralBlock(_ text: String) -> Bool {
        !text.hasPrefix(" ") && !text.hasPrefix("\n") && !text.hasSuffix("\n\n")
            && !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
            && !text.split(separator: "\n").contains { $0.hasSuffix(" ") }
    }

    /// A one-line scalar: plain if it reads back as the same string, else quoted.
    static func inlineScalar(_ text: String) -> String {
        if isPlainSafe(text) { return text }
        let needsDoubleQuotes = text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        if !needsDoubleQuotes && !looksLikeNonString(text) {
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    quoted += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    private static let indicators = Set("-?:,[]{}#&*!|>'\"%@`".unicodeScalars)

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if indicators.contains(first) || first == " " || last == " " || last == ":" { return false }
        // ": " starts a mapping value and " #" a comment; control characters need escapes.
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if (previous == ":" && scalar == " ") || (previous == " " && scalar == "#") { return false }
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF { return false }
            previous = scalar
        }
        return !looksLikeNonString(text)
    }

    /// Would a YAML 1.1 or 1.2 reader resolve this plain scalar to a bool, null or number?
    /// Errs on the side of quoting.
    private static func looksLikeNonString(_ text: String) -> Bool {
        if text.utf8.count <= 5 && reservedWords.contains(text.lowercased()) { return true }
        guard let first = text.unicodeScalars.first else { return true }
        let startsNumeric = ("0"..."9").contains(first) || first == "+" || first == "-" || first == "."
        guard startsNumeric else { return false }
        let unsigned = text.drop(while: { $0 == "+" || $0 == "-" })
        // Hex, octal and binary integers (0x1F, 0o17, 0b101).
        if unsigned.count > 2, unsigned.hasPrefix("0"),
           let marker = unsigned.dropFirst().first, "xXoObB".contains(marker) { return true }
        // Dates and timestamps (2024-01-31, 2024-01-31T10:00:00Z).
        if text.count >= 10, text.prefix(4).allSatisfy(\.isNumber), text.dropFirst(4).first == "-" { return true }
        // Decimal, float, exponent and sexagesimal (1:30) forms use only these characters.
        return text.unicodeScalars.allSatisfy { numberish.contains($0) }
    }

    private static let reservedWords: Set<String> = ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
                                                     ".inf", "-.inf", "+.inf", ".nan"]
    private static let numberish = Set("0123456789+-._:eE".unicodeScalars)
}
