import PromQL

extension SeriesDescription {
    /// Parses a series line of a `.test` script, reporting failures with the script line.
    init(parsing text: String, line: Int) throws(TestScript.ScriptError) {
        do {
            try self.init(parsing: text)
        } catch {
            throw TestScript.ScriptError(line: line, message: error.description)
        }
    }
}
