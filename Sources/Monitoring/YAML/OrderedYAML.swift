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
/// Unlike yaml.v2 it never folds long plain strings, and it writes multi-line strings
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

    /// How a string scalar is written, chosen as yaml.v2 + libyaml would.
    static func scalarText(_ string: String) -> String {
        if string.contains("\n") || string.contains("\r") || ScalarResolution.readsAsNonString(string)
            || ScalarResolution.hasUnprintable(string)
        {
            return doubleQuoted(string)
        }
        if !ScalarResolution.canBePlain(string) {
            return "'" + string.replacingOccurrences(of: "'", with: "''") + "'"
        }
        return string
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
                output += OrderedYAML.scalarText(pair.key) + ":"
                switch pair.value {
                case .mapping(let inner) where !inner.isEmpty:
                    output += "\n"
                    writeMapping(inner, indent: indent + 2, firstLinePrefix: nil)
                case .sequence(let items) where !items.isEmpty:
                    output += "\n"
                    writeSequence(items, indent: indent)
                default:
                    output += " " + inline(pair.value) + "\n"
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
                    output += dash + inline(item) + "\n"
                }
            }
        }

        func inline(_ node: YAMLNode) -> String {
            switch node {
            case .string(let text): OrderedYAML.scalarText(text)
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
