import KubernetesClient

/// What everything Vigil generates from a custom resource depends on: its uid, generation,
/// labels and spec, but not its status. Equal identities mean a cached decoding, rendered
/// jobs or dashboards are still valid, and an update that keeps the identity changed only
/// status (most often Vigil's own write coming back through the watch).
struct SpecIdentity: Sendable, Equatable {
    // Cheap fields first: the synthesized `==` compares in this order.
    let uid: String?
    let generation: Int64?
    let labels: [String: String]?
    let spec: JSONValue?

    init<Kind>(_ object: CustomResourceObject<Kind>) {
        uid = object.metadata.uid
        generation = object.metadata.generation
        labels = object.metadata.labels
        spec = object.spec
    }
}
