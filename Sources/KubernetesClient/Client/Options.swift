/// Options of a list request.
public struct ListOptions: Sendable, Hashable {
    /// e.g. `app=kthena,tier in (inference)`.
    public var labelSelector: String?
    /// e.g. `metadata.name=x`.
    public var fieldSelector: String?
    /// Page size; `nil` lets the server decide (usually all at once).
    public var limit: Int?
    /// The continue token of the previous page.
    public var continueToken: String?
    /// `"0"` allows a possibly stale answer from the server's cache.
    public var resourceVersion: String?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
        continueToken: String? = nil, resourceVersion: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector { items.append(("fieldSelector", fieldSelector)) }
        if let limit { items.append(("limit", String(limit))) }
        if let continueToken { items.append(("continue", continueToken)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        return items
    }
}

/// Options of a watch request.
public struct WatchOptions: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Events after this version; `nil` starts with synthetic ADDED events for all objects.
    public var resourceVersion: String?
    /// Ask for BOOKMARK events, which advance the resourceVersion during quiet periods.
    public var allowWatchBookmarks: Bool
    /// The server ends the watch after this long (client-go picks 5–10 minutes).
    public var timeoutSeconds: Int?

    public init(
        labelSelector: String? = nil, fieldSelector: String? = nil, resourceVersion: String? = nil,
        allowWatchBookmarks: Bool = true, timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.allowWatchBookmarks = allowWatchBookmarks
        self.timeoutSeconds = timeoutSeconds
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = [("watch", "true")]
        if let labelSelector { items.append(("labelSelector", labelSelector)) }
        if let fieldSelector { items.append(("fieldSelector", fieldSelector)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        if allowWatchBookmarks { items.append(("allowWatchBookmarks", "true")) }
        if let timeoutSeconds { items.append(("timeoutSeconds", String(timeoutSeconds))) }
        return items
    }
}

/// What happens to an object's dependents when it is deleted.
public enum PropagationPolicy: String, Sendable {
    /// Dependents are deleted first; the owner goes when they are gone.
    case foreground = "Foreground"
    /// The owner goes now; the garbage collector deletes dependents afterwards.
    case background = "Background"
    /// Dependents are kept and lose their owner reference.
    case orphan = "Orphan"
}
