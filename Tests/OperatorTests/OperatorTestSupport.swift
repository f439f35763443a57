import Foundation
import KubernetesClient
import Logging
@testable import Operator
import Scrape
import Synchronization

/// Logger that stays quiet in tests.
let quietLogger: Logger = {
    var logger = Logger(label: "vigil-operator-test")
    logger.logLevel = .critical
    return logger
}()

/// A scrape client serving fixed bodies per address; an address marked down fails like
/// a refused connection.
final class FakeScrapeClient: ScrapeClient {
    private let down = Mutex<Set<String>>([])
    let body: String

    init(body: String = "kthena_inference_requests_total{model_id=\"m\"} 10\n") { self.body = body }

    func setDown(_ address: String, _ isDown: Bool) {
        down.withLock { if isDown { $0.insert(address) } else { $0.remove(address) } }
    }

    func fetch(_ request: ScrapeRequest) async throws(ScrapeError) -> ScrapeResponse {
        let isDown = down.withLock { set in set.contains { request.url.contains($0) } }
        if isDown { throw ScrapeError.connection(url: request.url, reason: "connection refused") }
        return ScrapeResponse(body: Array(body.utf8), contentType: "text/plain; version=0.0.4")
    }
}

/// Polls `condition` until it holds or `timeout` passes; the reconcilers run on real
/// time, so tests wait for the state they expect rather than for a fixed delay.
///
/// The timeout is generous on purpose: in a full `swift test` run on a 2-core CI machine,
/// long synchronous tests in other suites (conformance, fuzzing) occupy both threads of
/// Swift's cooperative pool for tens of seconds, and nothing asynchronous here can run
/// until they yield. A passing test returns as soon as its condition holds.
func eventually(timeout: Duration = .seconds(180), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

/// Objects for the tests' scenario: namespace `shop`, a Service `checkout` with port
/// `metrics` backed by one Pod at 10.0.0.7:8080.
enum Fixture {
    static let namespace = "shop"

    static func monitor(name: String = "checkout", regex: String? = nil, interval: String = "1s",
                        namespace: String = Fixture.namespace) -> ServiceMonitorObject {
        var endpoint: JSONValue = ["port": "metrics", "interval": .string(interval)]
        if let regex {
            endpoint["relabelings"] = [["sourceLabels": ["__meta_kubernetes_pod_name"], "regex": .string(regex),
                                        "targetLabel": "pod_copy", "action": "replace"]]
        }
        return ServiceMonitorObject(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: ["team": "shop"]),
            spec: ["selector": ["matchLabels": ["app": "checkout"]], "endpoints": [endpoint]])
    }

    static func rule(name: String = "checkout-rules", expr: String = "sum(rate(http_requests_total[5m])) > 1",
                     namespace: String = Fixture.namespace) -> PrometheusRuleObject {
        PrometheusRuleObject(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: ["groups": [["name": "checkout", "partial_response_strategy": "warn",
                               "rules": [["alert": "CheckoutBusy", "expr": .string(expr), "for": "5m"]]]]])
    }

    static func serviceLevel(name: String = "checkout-availability", namespace: String = Fixture.namespace)
        -> ServiceLevelObject
    {
        ServiceLevelObject(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: ["service": "checkout", "objective": 99.9, "timeWindow": "30d",
                   "sli": ["events": ["errorQuery": "sum(rate(http_requests_total{code=~\"5..\"}[{{.window}}]))",
                                      "totalQuery": "sum(rate(http_requests_total[{{.window}}]))"]],
                   "alerting": ["name": "CheckoutAvailability"]])
    }

    static var service: Service {
        Service(metadata: ObjectMeta(name: "checkout", namespace: namespace, labels: ["app": "checkout"]),
                spec: ServiceSpec(selector: ["app": "checkout"], ports: [ServicePort(name: "metrics", port: 8080)]))
    }

    static var endpointSlice: EndpointSlice {
        var port = EndpointSlice.Port(name: "metrics", port: 8080)
        port.protocol = "TCP"
        return EndpointSlice(
            metadata: ObjectMeta(name: "checkout-abc", namespace: namespace,
                                 labels: ["kubernetes.io/service-name": "checkout"]),
            endpoints: [EndpointSlice.Endpoint(
                addresses: ["10.0.0.7"], conditions: EndpointSlice.Conditions(ready: true),
                targetRef: ObjectReference(kind: "Pod", namespace: namespace, name: "checkout-0"))],
            ports: [port])
    }

    static var pod: Pod {
        var pod = Pod(metadata: ObjectMeta(name: "checkout-0", namespace: namespace, labels: ["app": "checkout"]))
        pod.status = try? JSONCoding.decode(Pod.PodStatus.self, from: ["phase": "Running", "podIP": "10.0.0.7"])
        return pod
    }

    static func conditions(_ status: JSONValue?) -> [Condition] { ConditionTable.conditions(status) }
}

/// `KubernetesClient.ObjectKey`, for files that also import the fake API server (which has
/// its own `ObjectKey`; the module name is shadowed by the client class).
typealias Key = ObjectKey
