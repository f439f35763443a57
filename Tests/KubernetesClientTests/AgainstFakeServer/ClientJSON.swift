import KubernetesClient

/// The client's JSON type under a name that does not clash with the fake server's.
typealias ClientJSON = JSONValue
