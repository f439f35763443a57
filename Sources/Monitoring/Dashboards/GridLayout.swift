/// Places panels on Grafana's 24-column grid, left to right, in lines, and numbers them.
///
/// Every line starts below the tallest panel of the line before, so panels never overlap
/// and `y` never decreases; ids count up from 1 in placement order, so they are unique and
/// stable for the same input.
struct GridLayout {
    static let columns = 24

    private(set) var panels: [GrafanaPanel] = []
    private var cursorX = 0
    private var lineY = 0
    private var lineHeight = 0

    /// Starts a new section: a row header across the full width.
    mutating func row(_ title: String) {
        finishLine()
        var header = PanelFactory.row(title)
        header.gridPos = GridPos(h: 1, w: Self.columns, x: 0, y: lineY)
        append(header)
        lineY += 1
    }

    /// Places `panels` side by side on fresh lines, `widths` columns each (the last width
    /// repeats when fewer are given; a panel that does not fit starts the next line).
    mutating func line(_ panels: [GrafanaPanel], widths: [Int], height: Int) {
        finishLine()
        for (index, panel) in panels.enumerated() {
            let requested = widths.isEmpty ? Self.columns : widths[min(index, widths.count - 1)]
            place(panel, width: requested, height: height)
        }
        finishLine()
    }

    /// Places `panels` with equal widths, `perLine` to a line.
    mutating func evenLine(_ panels: [GrafanaPanel], perLine: Int, height: Int) {
        let count = max(1, min(perLine, panels.count))
        let width = Self.columns / count
        line(panels, widths: [width], height: height)
    }

    private mutating func place(_ panel: GrafanaPanel, width requested: Int, height: Int) {
        let width = max(1, min(Self.columns, requested))
        if cursorX + width > Self.columns { finishLine() }
        var placed = panel
        placed.gridPos = GridPos(h: max(1, height), w: width, x: cursorX, y: lineY)
        append(placed)
        cursorX += width
        lineHeight = max(lineHeight, placed.gridPos.h)
    }

    private mutating func finishLine() {
        lineY += lineHeight
        (cursorX, lineHeight) = (0, 0)
    }

    private mutating func append(_ panel: GrafanaPanel) {
        var numbered = panel
        numbered.id = panels.count + 1
        panels.append(numbered)
    }
}
