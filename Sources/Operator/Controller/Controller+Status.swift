import KubernetesClient

extension Controller {
    /// Writes `new` through the status subresource when it differs from what the object
    /// carries, and records an Event per condition transition.
    ///
    /// prometheus-operator's own ServiceMonitor and PrometheusRule CRDs have no status
    /// subresource, so the API server answers 404 for `/status` while the object exists.
    /// Then Events are the only report Vigil can give, and they are still recorded (the
    /// recorder's rate limit keeps the repeats down, since no status remembers the last
    /// conditions).
    func writeStatus<T: KubernetesResource, S: Encodable>(
        _ type: T.Type, _ object: T, current: JSONValue?, old: [Condition], new: S, conditions: [Condition]
    ) async throws {
        let encoded = try JSONCoding.encode(new)
        guard encoded != current else { return }
        do {
            try await cluster.applyStatus(T.self, object.key, status: encoded)
        } catch let error as ClusterError where error.isNotFound {
            guard try await cluster.get(T.self, object.key) != nil else { throw error }
            logger.notice("no status subresource for this kind; reporting conditions as Events only", metadata: [
                "vigil.kind": "\(T.resource.kind)", "vigil.object": "\(object.key)",
            ])
        }
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
