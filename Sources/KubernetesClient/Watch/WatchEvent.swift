/// One event of a watch stream.
public enum WatchEvent<T: KubernetesResource>: Sendable {
    case added(T)
    case modified(T)
    case deleted(T)
    /// Nothing changed, but the collection reached `resourceVersion`: resume from here.
    case bookmark(resourceVersion: String)

    /// The object's resourceVersion, or the bookmark's.
    public var resourceVersion: String? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object.metadata.resourceVersion
        case .bookmark(let resourceVersion): resourceVersion
        }
    }
}
