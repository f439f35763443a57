import KubernetesClient
import Synchronization

/// Which ServiceMonitors used which Services and Pods at their last reconcile, so a
/// change to one Service, EndpointSlice or Pod re-reconciles only those monitors.
final class ServiceIndex: Sendable {
    private struct State {
        var monitorsByService: [ObjectKey: Set<ObjectKey>] = [:]
        var monitorsByPod: [ObjectKey: Set<ObjectKey>] = [:]
        var servicesByMonitor: [ObjectKey: Set<ObjectKey>] = [:]
        var podsByMonitor: [ObjectKey: Set<ObjectKey>] = [:]
    }

    private let state = Mutex(State())

    /// Records what `monitor` resolved to, replacing what it used before.
    func record(monitor: ObjectKey, services: Set<ObjectKey>, pods: Set<ObjectKey>) {
        state.withLock { state in
            for service in state.servicesByMonitor[monitor] ?? [] { state.monitorsByService[service]?.remove(monitor) }
            for pod in state.podsByMonitor[monitor] ?? [] { state.monitorsByPod[pod]?.remove(monitor) }
            state.servicesByMonitor[monitor] = services.isEmpty ? nil : services
            state.podsByMonitor[monitor] = pods.isEmpty ? nil : pods
            for service in services { state.monitorsByService[service, default: []].insert(monitor) }
            for pod in pods { state.monitorsByPod[pod, default: []].insert(monitor) }
        }
    }

    func remove(monitor: ObjectKey) { record(monitor: monitor, services: [], pods: []) }

    func monitors(usingService service: ObjectKey) -> Set<ObjectKey> {
        state.withLock { $0.monitorsByService[service] ?? [] }
    }

    func monitors(usingPod pod: ObjectKey) -> Set<ObjectKey> {
        state.withLock { $0.monitorsByPod[pod] ?? [] }
    }
}
