import Foundation
import Synchronization

/// A bearer token kept in a file that the kubelet rewrites as the projected service-account
/// token rotates. The token is cached and read again once `refreshInterval` has passed
/// (client-go re-reads every minute), so a rotated token is picked up without a restart
/// and without reading the file on every request.
public final class TokenFile: Sendable {
    /// Path of the token file, e.g. `/var/run/secrets/kubernetes.io/serviceaccount/token`.
    public let path: String
    /// How long a read token is trusted before the file is read again.
    public let refreshInterval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    /// The last good token and when it was read; `readAt` is `nil` after `invalidate()` so the
    /// next call re-reads while the token stays available as a fallback.
    private let cache = Mutex<(token: String, readAt: ContinuousClock.Instant?)?>(nil)

    /// - Parameter now: injected so tests can move time without sleeping.
    public init(
        path: String,
        refreshInterval: Duration = .seconds(60),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.path = path
        self.refreshInterval = refreshInterval
        self.now = now
    }

    /// The current token. Reads the file on first use and after `refreshInterval`; if a
    /// re-read fails, the last good token is kept (the kubelet swaps the file atomically,
    /// so a failure is transient) and the error is thrown only when there is none.
    public func token() throws(ConfigurationError) -> String {
        let instant = now()
        if let cached = cache.withLock({ $0 }), let readAt = cached.readAt,
            readAt.duration(to: instant) < refreshInterval
        {
            return cached.token
        }
        do {
            let token = try Self.read(path)
            cache.withLock { $0 = (token, instant) }
            return token
        } catch {
            if let cached = cache.withLock({ $0 }) { return cached.token }
            throw error
        }
    }

    /// Makes the next call read the file again, e.g. after a 401. The old token is still
    /// returned if that read fails.
    public func invalidate() {
        cache.withLock { $0?.readAt = nil }
    }

    static func read(_ path: String) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, field: nil, message: "cannot read token file")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw ConfigurationError(file: path, field: nil, message: "token file is empty")
        }
        return token
    }
}
