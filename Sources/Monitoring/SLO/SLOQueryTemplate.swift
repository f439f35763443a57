import Foundation

/// The `{{.window}}` placeholder in SLI queries.
///
/// Sloth renders queries as Go templates where only `.window` is defined; Vigil does not run
/// a template engine, so it accepts exactly the spellings `{{.window}}` / `{{ .window }}`
/// (any number of spaces) and rejects every other `{{ … }}` action (slo-rules.md §8.11).
enum SLOQueryTemplate {
    enum Problem: Equatable {
        case noPlaceholder
        case unsupportedAction(String)
    }

    /// Problems of `query`, empty when it renders cleanly.
    static func problems(in query: String) -> [Problem] {
        var problems: [Problem] = []
        var placeholders = 0
        for action in actions(in: query) {
            if isWindowPlaceholder(action.text) {
                placeholders += 1
            } else {
                problems.append(.unsupportedAction(action.text))
            }
        }
        if placeholders == 0 { problems.insert(.noPlaceholder, at: 0) }
        return problems
    }

    /// `query` with every window placeholder replaced by `window` (e.g. `5m`).
    static func render(_ query: String, window: SLOWindow) -> String {
        var result = ""
        var cursor = query.startIndex
        for action in actions(in: query) where isWindowPlaceholder(action.text) {
            result += query[cursor..<action.range.lowerBound]
            result += window.description
            cursor = action.range.upperBound
        }
        result += query[cursor...]
        return result
    }

    /// Moves a `line:column:` prefix of `message` (a checker's error about `render(query,
    /// window:)`) back to the same place in `query`, so positions point into the query as the
    /// user wrote it. Messages without such a prefix come back unchanged.
    static func translatingPosition(in message: String, renderedWith window: SLOWindow, query: String) -> String {
        let parts = message.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]), line >= 1, column >= 1
        else { return message }
        let rendered = Array(render(query, window: window).utf8)
        // Byte offset of line:column in the rendered query.
        var offset = 0
        var currentLine = 1
        while currentLine < line, offset < rendered.count {
            if rendered[offset] == UInt8(ascii: "\n") { currentLine += 1 }
            offset += 1
        }
        offset += column - 1
        // Undo each placeholder's change of length before that offset.
        let replacement = window.description.utf8.count
        var shift = 0
        let utf8 = query.utf8
        for action in actions(in: query) where isWindowPlaceholder(action.text) {
            let start = utf8.distance(from: utf8.startIndex, to: action.range.lowerBound)
            let renderedStart = start + shift
            if offset < renderedStart { break }
            if offset < renderedStart + replacement {
                offset = start
                shift = 0
                break
            }
            shift += replacement - action.text.utf8.count
        }
        let original = offset - shift
        // Line and column of `original` in the query.
        var originalLine = 1
        var lineStart = 0
        for (index, byte) in query.utf8.enumerated() where index < original && byte == UInt8(ascii: "\n") {
            originalLine += 1
            lineStart = index + 1
        }
        return "\(originalLine):\(original - lineStart + 1):" + parts[2]
    }

    private struct Action {
        var range: Range<String.Index>
        var text: String
    }

    /// Every `{{ … }}` in `query`; an unclosed `{{` runs to the end of the string.
    private static func actions(in query: String) -> [Action] {
        var found: [Action] = []
        var searchStart = query.startIndex
        while let open = query.range(of: "{{", range: searchStart..<query.endIndex) {
            let close = query.range(of: "}}", range: open.upperBound..<query.endIndex)
            let end = close?.upperBound ?? query.endIndex
            found.append(Action(range: open.lowerBound..<end, text: String(query[open.lowerBound..<end])))
            searchStart = end
        }
        return found
    }

    private static func isWindowPlaceholder(_ action: String) -> Bool {
        guard action.hasPrefix("{{"), action.hasSuffix("}}"), action.count >= 4 else { return false }
        let inner = action.dropFirst(2).dropLast(2)
        return inner.trimmingSpaces == ".window"
    }
}

extension Substring {
    /// Drops leading and trailing ASCII spaces only (Go template `{{ .window }}` spacing).
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
