/// A kubeconfig or in-cluster configuration that cannot be used. The description names the
/// file and, where there is one, the field, e.g.
/// `/home/a/.kube/config: users[0].user.client-key-data: not valid base64`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem was found in, if any.
    public var file: String?
    /// Dotted path of the offending field inside the file, if any.
    public var field: String?
    /// What is wrong, in a phrase.
    public var message: String

    public init(file: String?, field: String?, message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String {
        [file, field, message].compactMap { $0 }.joined(separator: ": ")
    }
}
