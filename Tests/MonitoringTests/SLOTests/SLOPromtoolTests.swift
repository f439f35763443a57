import Foundation
import Testing
import VigilTestSupport
@testable import Monitoring

/// Runs Debian's promtool (Prometheus 2.42) over generated rules: `check rules` on every
/// golden file and `test rules` on the unit tests in `Golden/slo/promtool/`. Skipped when
/// promtool is missing locally; a failure under CI=true.
@Suite("promtool accepts and evaluates the generated rules")
struct SLOPromtoolTests {
    static let promtool = "/usr/bin/promtool"
    static let testDirectory = SLOGoldenCase.directory.appendingPathComponent("promtool")

    /// Whether promtool can run here; records a failure under CI when it cannot.
    static func promtoolAvailable() -> Bool {
        if FileManager.default.isExecutableFile(atPath: promtool) { return true }
        if SharedData.isCI { Issue.record("\(promtool) is required when CI=true") }
        return false
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-slo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("promtool check rules accepts every golden rule file", arguments: try SLOGoldenCase.all())
    func checkRules(_ golden: SLOGoldenCase) throws {
        guard Self.promtoolAvailable() else { return }
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }   // cleanup only
        let file = directory.appendingPathComponent("rules.yaml")
        try golden.generate().write(to: file, atomically: true, encoding: .utf8)
        let result = try Self.run(["check", "rules", file.path])
        #expect(result.status == 0, "\(result.output)")
    }

    struct UnitTest: Sendable, CustomTestStringConvertible {
        let file: String
        let style: SLOGenerationOptions.Style
        var testDescription: String { "\(file) (\(style == .vigil ? "vigil" : "sloth"))" }
    }

    static func unitTests() throws -> [UnitTest] {
        try FileManager.default.contentsOfDirectory(atPath: testDirectory.path).sorted().flatMap { file -> [UnitTest] in
            if file.hasSuffix(".both.test.yaml") {
                return [UnitTest(file: file, style: .vigil), UnitTest(file: file, style: .slothCompatible)]
            }
            if file.hasSuffix(".vigil.test.yaml") { return [UnitTest(file: file, style: .vigil)] }
            if file.hasSuffix(".sloth.test.yaml") { return [UnitTest(file: file, style: .slothCompatible)] }
            return []
        }
    }

    /// `slo.yaml` beside the tests, or the file a test names on its first line as
    /// `# slo: <path from the repository root>` (e.g. one of the examples).
    static func sloInput(for testFile: String) throws -> String {
        let test = try String(contentsOf: testDirectory.appendingPathComponent(testFile), encoding: .utf8)
        let firstLine = test.prefix { $0 != "\n" }
        if firstLine.hasPrefix("# slo: ") {
            let path = firstLine.dropFirst("# slo: ".count).trimmingCharacters(in: .whitespaces)
            return try String(contentsOf: SharedData.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        }
        return try String(contentsOf: testDirectory.appendingPathComponent("slo.yaml"), encoding: .utf8)
    }

    @Test("promtool test rules proves the alert and period math", arguments: try unitTests())
    func unitTest(_ test: UnitTest) throws {
        guard Self.promtoolAvailable() else { return }
        let options = SLOGenerationOptions(style: test.style)
        let input = try Self.sloInput(for: test.file)
        let rules = SLORuleGenerator.generate(try SLOTestInputs.definitions(yaml: input, options: options),
                                              options: options).yaml()
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }   // cleanup only
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let testFile = directory.appendingPathComponent(test.file)
        try FileManager.default.copyItem(at: Self.testDirectory.appendingPathComponent(test.file), to: testFile)
        let result = try Self.run(["test", "rules", testFile.path])
        #expect(result.status == 0, "\(result.output)")
    }
}
