import KubernetesClient

extension Controller {
    /// Writes `new` through the status subresource when it differs from what the object
    /// carries, and records an Event per condition transition.
    func writeStatus<T: KubernetesResource, S: Encodable>(
        _ type: T.Type, _ object: T, current: JSONValue?, old: [Condition], new: S, conditions: [Condition]
    ) async throws {
        let encoded = try JSONCoding.encode(new)
        guard encoded != current else { return }
        try await cluster.applyStatus(T.self, object.key, status: encoded)
        let reference = ObjectReference(
            apiVersion: T.resource.apiVersion, kind: T.resource.kind, namespace: object.metadata.namespace,
            name: object.metadata.name, uid: object.metadata.uid)
        await events.recordTransitions(from: old, to: conditions, regarding: reference)
    }

    func writeStatus(_ type: ServiceMonitorObject.Type, _ object: ServiceMonitorObject, old: [Condition],
                     new: ServiceMonitorStatus) async throws {
        try await writeStatus(type, object, current: object.status, old: old, new: new, conditions: new.conditions)
    }
}
