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
        var lines: [String] = []
        emit(node, indent: 0, into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func emit(_ node: Node, indent: Int, into lines: inout [String]) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .scalar(let value):
            lines.append(pad + inlineScalar(value))
        case .mapping(let entries):
            for (key, value) in entries {
                emitEntry(prefix: pad + scalarKey(key) + ":", value, indent: indent, into: &lines)
            }
        case .sequence(let items):
            for item in items {
                switch item {
                case .mapping(let entries) where !entries.isEmpty:
                    // "- " then the first key on the same line, the rest aligned under it.
                    var nested: [String] = []
                    emit(item, indent: indent + 2, into: &nested)
                    if let first = nested.first {
                        nested[0] = pad + "- " + first.dropFirst(indent + 2)
                    }
                    lines.append(contentsOf: nested)
                default:
                    emitEntry(prefix: pad + "-", item, indent: indent, into: &lines)
                }
            }
        }
    }

    private static func emitEntry(prefix: String, _ value: Node, indent: Int, into lines: inout [String]) {
        switch value {
        case .scalar(let text) where text.contains("\n") && canUseLiteralBlock(text):
            let chomp = text.hasSuffix("\n") ? "" : "-"
            lines.append(prefix + " |" + chomp)
            let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
            let contentPad = String(repeating: " ", count: indent + 2)
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append(line.isEmpty ? "" : contentPad + line)
            }
        case .scalar(let text):
            lines.append(prefix + " " + inlineScalar(text))
        case .mapping(let entries) where entries.isEmpty:
            lines.append(prefix + " {}")
        case .sequence(let items) where items.isEmpty:
            lines.append(prefix + " []")
        case .mapping:
            lines.append(prefix)
            emit(value, indent: indent + 2, into: &lines)
        case .sequence:
            lines.append(prefix)
            emit(value, indent: indent, into: &lines)
        }
    }

    /// Literal blocks cannot carry a leading space on the first line (it would need an
    /// indentation indicator), several trailing newlines, tabs or control characters.
    private static func canUseLiteralBlock(_ text: String) -> Bool {
        !text.hasPrefix(" ") && !text.hasPrefix("\n") && !text.hasSuffix("\n\n")
            && !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
            && !text.split(separator: "\n").contains { $0.hasSuffix(" ") }
    }

    private static func scalarKey(_ key: String) -> String { inlineScalar(key) }

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

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if first == " " || last == " " || last == ":" { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0xFEFF }) {
            return false
        }
        return !looksLikeNonString(text)
    }

    /// Would a YAML 1.1 or 1.2 reader resolve this plain scalar to a bool, null or number?
    /// Errs on the side of quoting.
    private static func looksLikeNonString(_ text: String) -> Bool {
        let lower = text.lowercased()
        let words: Set<String> = ["~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
                                  ".inf", "-.inf", "+.inf", ".nan"]
        if words.contains(lower) { return true }
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
        let numberish = Set("0123456789+-._:eE")
        return text.allSatisfy { numberish.contains($0) }
    }
}
