/// A failure of a test harness itself (an oracle process, a fixture server), not of the
/// code under test; its description goes into the test's failure message.
public struct OracleError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}
