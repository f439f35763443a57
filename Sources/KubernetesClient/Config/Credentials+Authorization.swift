import Foundation

extension Credentials {
    /// The value of the `Authorization` header for a request, or `nil` for none.
    ///
    /// A token file is read through its cache, so calling this per request is cheap and
    /// picks up a rotated token within the file's refresh interval.
    ///
    /// - Throws: the token file's error if it has never been readable.
    public func authorizationHeader() throws(ConfigurationError) -> String? {
        switch self {
        case .none:
            return nil
        case .bearerToken(let token):
            return "Bearer \(token)"
        case .bearerTokenFile(let file):
            return "Bearer \(try file.token())"
        case .basic(let username, let password):
            return "Basic \(Data("\(username):\(password)".utf8).base64EncodedString())"
        }
    }
}
