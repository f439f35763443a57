import Foundation
import Synchronization
import Testing

@testable import KubernetesClient

/// A `now` for ``TokenFile`` that moves only when a test says so.
final class SteppedTime: Sendable {
    private let instant = Mutex(ContinuousClock.now)
    var now: @Sendable () -> ContinuousClock.Instant { { [self] in instant.withLock { $0 } } }
    func advance(by duration: Duration) { instant.withLock { $0 = $0.advanced(by: duration) } }
}

@Suite("TokenFile")
struct TokenFileTests {
    @Test("reads the token once and trims the trailing newline")
    func readsAndTrims() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("token", text: "first-token\n")
        let file = TokenFile(path: path)
        #expect(try file.token() == "first-token")
    }

    @Test("a rotated token is picked up only after the refresh interval")
    func rotationAfterInterval() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("token", text: "first")
        let time = SteppedTime()
        let file = TokenFile(path: path, refreshInterval: .seconds(60), now: time.now)
        #expect(try file.token() == "first")

        try directory.write("token", text: "second")
        time.advance(by: .seconds(59))
        #expect(try file.token() == "first")
        time.advance(by: .seconds(1))
        #expect(try file.token() == "second")
    }

    @Test("the last good token is kept while the file is briefly missing")
    func keepsLastGoodToken() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("token", text: "good")
        let time = SteppedTime()
        let file = TokenFile(path: path, refreshInterval: .seconds(10), now: time.now)
        #expect(try file.token() == "good")

        try FileManager.default.removeItem(atPath: path)
        time.advance(by: .seconds(30))
        #expect(try file.token() == "good")

        try directory.write("token", text: "rotated")
        // The failed re-read did not reset the interval, so the new file is read at once.
        #expect(try file.token() == "rotated")
    }

    @Test("an empty file is kept as the last good token's fallback, not returned")
    func emptyFileFallsBack() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("token", text: "good")
        let time = SteppedTime()
        let file = TokenFile(path: path, refreshInterval: .seconds(10), now: time.now)
        _ = try file.token()
        try directory.write("token", text: "\n")
        time.advance(by: .seconds(11))
        #expect(try file.token() == "good")
    }

    @Test("a missing file with no earlier token is an error naming the file")
    func missingFileFails() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("absent").path
        let error = #expect(throws: ConfigurationError.self) { try TokenFile(path: path).token() }
        #expect(error?.description == "\(path): cannot read token file")
    }

    @Test("invalidate forces a re-read but keeps the old token as a fallback")
    func invalidate() throws {
        let directory = try ConfigTestDirectory()
        defer { directory.remove() }
        let path = try directory.write("token", text: "one")
        let time = SteppedTime()
        let file = TokenFile(path: path, refreshInterval: .seconds(600), now: time.now)
        #expect(try file.token() == "one")

        try directory.write("token", text: "two")
        file.invalidate()
        #expect(try file.token() == "two")

        try FileManager.default.removeItem(atPath: path)
        file.invalidate()
        #expect(try file.token() == "two")
    }
}
