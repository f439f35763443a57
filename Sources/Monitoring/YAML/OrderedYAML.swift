import Foundation

/// Writes a ``YAMLNode`` tree as block-style YAML the way Go's `gopkg.in/yaml.v2`
/// (which prometheus-operator uses) does, so generated files can be compared byte for
/// byte with prometheus-operator's:
///
/// - two-space indentation; a sequence under a mapping key is not indented (`- ` lines
///   up with the key); a mapping inside a sequence item starts on the `- ` line;
/// - strings that would read back as another type (`"true"`, `"8081"`, `""`, `"no"`)
///   are double-quoted; strings that cannot be plain for syntactic reasons
///   (`'a: b'`, leading spaces) are single-quoted; everything else is plain;
/// - empty collections are written in flow style (`[]`, `{}`).
///
/// Like libyaml (80-column best width) it folds long plain and single-quoted values at a
/// space once the line is past column 80. Unlike yaml.v2 it writes multi-line strings
/// double-quoted with `\n` escapes instead of as literal blocks; both read back the same.
public enum OrderedYAML {
    /// The YAML text of `node`, ending with a newline.
    public static func emit(_ node: YAMLNode) -> String {
        var writer = Writer()
        writer.writeDocument(node)
        return writer.output
    }

    /// The YAML text of an `Encodable` value (see ``OrderedYAMLEncoder``).
    public static func emit<Value: Encodable>(_ value: Value) throws(OrderedYAMLEncoder.Error) -> String {
        emit(try OrderedYAMLEncoder().encode(value))
    }

    /// libyaml's preferred line width.
    static let bestWidth = 80

    /// How a string scalar is written, chosen as yaml.v2 + libyaml would. With a `fold`
    /// position (the column the scalar starts at and the indentation of continuation
    /// lines) long plain and single-quoted values are folded at spaces past column 80.
    static func scalarText(_ string: String, fold: (column: Int, indent: Int)? = nil) -> String {
        var hasControl = false
        var hasNonASCII = false
        for byte in string.utf8 {
            if byte < 0x20 || byte == 0x7F {
                hasControl = true
                break
            }
            if byte >= 0x80 { hasNonASCII = true }
        }
        if hasControl || (hasNonASCII && ScalarResolution.hasUnprintable(string))
            || ScalarResolution.readsAsNonString(string)
        {
            return doubleQuoted(string)
        }
        let quoted = !ScalarResolution.canBePlain(string)
        // Folding needs a space past column 80; shorter values cannot have one.
        if let fold, fold.column + string.utf8.count + 1 > bestWidth, string.utf8.contains(UInt8(ascii: " ")) {
            return folded(string, quoted: quoted, column: fold.column, indent: fold.indent)
        }
        return quoted ? "'" + string.replacingOccurrences(of: "'", with: "''") + "'" : string
    }

    /// libyaml's `write_plain` / `write_single_quoted`: a space becomes a line break when the
    /// previous character was not a space, the next is not a space, and the line is already
    /// past the best width (for quoted text, never at the first or last character).
    private static func folded(_ string: String, quoted: Bool, column start: Int, indent: Int) -> String {
        let scalars = Array(string.unicodeScalars)
        var out = quoted ? "'" : ""
        var column = start + (quoted ? 1 : 0)
        var previousWasSpace = false
        for (index, scalar) in scalars.enumerated() {
            if scalar == " " {
                let nextIsSpace = index + 1 < scalars.count && scalars[index + 1] == " "
                let atEdge = quoted && (index == 0 || index == scalars.count - 1)
                if !previousWasSpace && column > bestWidth && !nextIsSpace && !atEdge {
                    out += "\n" + String(repeating: " ", count: indent)
                    column = indent
                } else {
                    out += " "
                    column += 1
                }
                previousWasSpace = true
            } else {
                if quoted && scalar == "'" {
                    out += "'"
                    column += 1
                }
                out.unicodeScalars.append(scalar)
                column += 1
                previousWasSpace = false
            }
        }
        return quoted ? out + "'" : out
    }

    static func doubleQuoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private struct Writer {
        var output = ""

        mutating func writeDocument(_ node: YAMLNode) {
            switch node {
            case .mapping(let pairs) where !pairs.isEmpty:
                writeMapping(pairs, indent: 0, firstLinePrefix: nil)
            case .sequence(let items) where !items.isEmpty:
                writeSequence(items, indent: 0)
            default:
                output += inline(node) + "\n"
            }
        }

        /// Writes `pairs` at `indent`; when `firstLinePrefix` is given the first key goes on
        /// the current line right after it (a mapping inside a sequence item).
        mutating func writeMapping(_ pairs: [(key: String, value: YAMLNode)], indent: Int, firstLinePrefix: String?) {
            for (index, pair) in pairs.enumerated() {
                if index == 0, let prefix = firstLinePrefix {
                    output += prefix
                } else {
                    output += String(repeating: " ", count: indent)
                }
                let keyText = OrderedYAML.scalarText(pair.key) + ":"
                output += keyText
                switch pair.value {
                case .mapping(let inner) where !inner.isEmpty:
                    output += "\n"
                    writeMapping(inner, indent: indent + 2, firstLinePrefix: nil)
                case .sequence(let items) where !items.isEmpty:
                    output += "\n"
                    writeSequence(items, indent: indent)
                default:
                    let fold = (column: indent + keyText.unicodeScalars.count + 1, indent: indent + 2)
                    output += " " + inline(pair.value, fold: fold) + "\n"
                }
            }
        }

        mutating func writeSequence(_ items: [YAMLNode], indent: Int) {
            let dash = String(repeating: " ", count: indent) + "- "
            for item in items {
                switch item {
                case .mapping(let pairs) where !pairs.isEmpty:
                    writeMapping(pairs, indent: indent + 2, firstLinePrefix: dash)
                case .sequence(let inner) where !inner.isEmpty:
                    output += dash.dropLast() + "\n"
                    writeSequence(inner, indent: indent + 2)
                default:
                    output += dash + inline(item, fold: (column: indent + 2, indent: indent + 2)) + "\n"
                }
            }
        }

        func inline(_ node: YAMLNode, fold: (column: Int, indent: Int)? = nil) -> String {
            switch node {
            case .string(let text): OrderedYAML.scalarText(text, fold: fold)
            case .integer(let value): String(value)
            case .boolean(let value): value ? "true" : "false"
            case .double(let value): ScalarResolution.goFloatText(value)
            case .null: "null"
            case .sequence: "[]"
            case .mapping: "{}"
            }
        }
    }
}
