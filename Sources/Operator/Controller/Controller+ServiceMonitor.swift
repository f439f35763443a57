import Foundation
import KubernetesClient
import Monitoring
import Scrape
import TSDB

// ServiceMonitor → engine jobs, Accepted / TargetsHealthy / Ready.
extension Controller {
    /// The outcome of checking one monitor against the cluster.
    struct MonitorResolution {
        var accepted: (status: ConditionStatus, reason: Reason, message: String)
        var jobs: [String] = []
        var discovered = 0
    }

    func reconcileServiceMonitor(_ key: ObjectKey) async throws -> ReconcileResult {
        let prefix = "serviceMonitor/\(key.namespace)/\(key.name)/"
        guard let object = serviceMonitors.get(key), isSelected(object.metadata.labels, by: options.serviceMonitorSelector)
        else {
            for job in engine.jobNames where job.hasPrefix(prefix) { engine.removeJob(job) }
            index.remove(monitor: key)
            return .done
        }
        var resolution = resolve(object)
        if resolution.accepted.status == .true, let failure = configWriteFailure.withLock({ $0 }) {
            resolution.accepted = (.false, .configurationTooLarge, failure)
        }
        for job in engine.jobNames where job.hasPrefix(prefix) && !resolution.jobs.contains(job) {
            engine.removeJob(job)
        }
        let generation = object.metadata.generation
        let old = object.status?.decodedStatus(ServiceMonitorStatus.self, default: ServiceMonitorStatus())
            ?? ServiceMonitorStatus()
        var status = old
        status.observedGeneration = generation
        let time = now()
        let accepted = resolution.accepted
        status.conditions.set(.accepted, status: accepted.status, reason: accepted.reason, message: accepted.message,
                              observedGeneration: generation, now: time)
        let health = resolution.jobs.flatMap { engine.targetHealth(job: $0) }
        let healthy = Self.targetsHealthy(health, accepted: accepted.status == .true, discovered: resolution.discovered)
        status.conditions.set(.targetsHealthy, status: healthy.status, reason: healthy.reason, message: healthy.message,
                              observedGeneration: generation, now: time)
        let ready: (ConditionStatus, Reason, String) =
            accepted.status != .true ? (.false, accepted.reason, accepted.message)
            : healthy.status != .true ? (healthy.status == .unknown ? .unknown : .false, healthy.reason, healthy.message)
            : (.true, .ready, healthy.message)
        status.conditions.set(.ready, status: ready.0, reason: ready.1, message: ready.2, observedGeneration: generation,
                              now: time)
        status.targetsUp = health.filter { $0.state == .up }.count
        status.targetsTotal = health.count
        if let last = health.compactMap(\.lastScrape).max() {
            status.lastScrapeTime = Self.lastScrapeTime(
                Time(Date(timeIntervalSince1970: Double(last / 1000))), old: old, new: status)
        }
        try await writeStatus(ServiceMonitorObject.self, object, old: old.conditions, new: status)
        return accepted.status == .true ? .requeue(after: options.statusResync) : .done
    }

    /// How stale `lastScrapeTime` may get while nothing else in the status changes.
    static let lastScrapeTimeRefresh: TimeInterval = 300

    /// `scraped`, unless the status would change only by it and the written time is less
    /// than ``lastScrapeTimeRefresh`` old: every target is scraped each interval, and
    /// writing that time at every status resync made one status write per monitor per
    /// resync (at ten thousand monitors, hundreds of writes a second for nothing).
    static func lastScrapeTime(_ scraped: Time, old: ServiceMonitorStatus, new: ServiceMonitorStatus) -> Time {
        guard let written = old.lastScrapeTime, scraped.date.timeIntervalSince(written.date) < lastScrapeTimeRefresh
        else { return scraped }
        var unchanged = new
        unchanged.lastScrapeTime = written
        return unchanged == old ? written : scraped
    }

    /// Validates, resolves Services, and hands the jobs and their targets to the engine.
    func resolve(_ object: ServiceMonitorObject) -> MonitorResolution {
        let monitor: ServiceMonitor
        do {
            monitor = try decodeServiceMonitor(object)
        } catch {
            return MonitorResolution(accepted: (.false, .invalidSpec, error.description))
        }
        let generatorOptions = options.generatorOptions
        let lookup = secretLookup()
        let issues = ServiceMonitorValidator.validate(monitor, options: generatorOptions, secrets: lookup)
        let errors = issues.filter { $0.severity == .error }
        if let first = errors.first {
            let reason: Reason = first.reason == .invalidRelabeling ? .invalidRelabeling : .invalidConfiguration
            index.remove(monitor: object.key)
            return MonitorResolution(accepted: (.false, reason, Acceptance(issues: issues).message))
        }
        let namespaceNames = selectedNamespaces(for: monitor)
        let anyNamespace = monitor.spec.namespaceSelector?.any == true
        let matched = candidateServices(for: monitor.spec.selector, namespaces: anyNamespace ? nil : namespaceNames)
            .filter { service in
                (anyNamespace || namespaceNames.contains(service.metadata.namespace ?? ""))
                    && monitor.spec.selector.matches(service.metadata.labels ?? [:])
            }
        var resolution = MonitorResolution(accepted: (.true, .accepted, "valid; in \(OperatorOptions.configSecretName)"))
        if matched.isEmpty {
            let scope = anyNamespace ? "any namespace" : "namespace(s) \(namespaceNames.joined(separator: ", "))"
            resolution.accepted = (.false, .noMatchingService,
                "spec.selector: no Service in \(scope) matches \(Self.describe(monitor.spec.selector)); the job stays in the configuration and picks Services up when they appear")
        } else if let missing = missingPort(monitor, services: matched) {
            resolution.accepted = (.false, .portNotFound, missing)
        }
        var usedPods: Set<ObjectKey> = []
        let jobs = ScrapeConfigGenerator.jobs(for: monitor, options: generatorOptions, secrets: lookup)
        let interval = PrometheusDuration.parse(options.scrapeInterval) ?? .seconds(30)
        for job in jobs {
            let role = EndpointDiscovery.Role(rawValue: job.kubernetesSDConfigs.first?.role ?? "") ?? .endpointslice
            var targets: [TSDB.Labels] = []
            for service in matched {
                let namespace = service.metadata.namespace ?? ""
                let slices = endpointSlices.list(indexValue: CacheIndexes.serviceKey(service.key))
                var podsByName: [String: Pod] = [:]
                for slice in slices {
                    for endpoint in slice.endpoints ?? [] where endpoint.targetRef?.kind == "Pod" {
                        guard let name = endpoint.targetRef?.name,
                              let pod = pods.get(ObjectKey(namespace: namespace, name: name)) else { continue }
                        podsByName[name] = pod
                        usedPods.insert(pod.key)
                    }
                }
                targets += EndpointDiscovery.targets(service: service, slices: slices, pods: podsByName, role: role)
            }
            do throws(ScrapeJobConversion.Failure) {
                let scrapeOptions = try ScrapeJobConversion.options(
                    for: job, globalInterval: interval, globalTimeout: min(interval, .seconds(10)), secrets: lookup)
                engine.setJob(scrapeOptions, targets: targets)
                resolution.jobs.append(job.jobName)
                resolution.discovered += targets.count
            } catch {
                resolution.accepted = (.false, error.reason, error.description)
            }
        }
        index.record(monitor: object.key, services: Set(matched.map(\.key)), pods: usedPods)
        return resolution
    }

    /// A superset of the Services `selector` can select in `namespaces` (all when `nil`),
    /// sorted by key: those carrying one label value the selector requires, else every
    /// Service of those namespaces.
    func candidateServices(for selector: LabelSelector, namespaces: [String]?) -> [Service] {
        if let matchLabels = selector.matchLabels, let first = matchLabels.keys.min(), let value = matchLabels[first] {
            return services.list(indexValue: CacheIndexes.labelPair(first, value))
        }
        guard let namespaces else { return services.list() }
        return Set(namespaces).sorted().flatMap { services.list(namespace: $0) }
    }

    /// `spec.endpoints[i].port` must name a port of at least one selected Service.
    func missingPort(_ monitor: ServiceMonitor, services: [Service]) -> String? {
        for (index, endpoint) in monitor.spec.endpoints.enumerated() {
            guard let port = endpoint.port, !port.isEmpty else { continue }
            let found = services.contains { service in (service.spec?.ports ?? []).contains { $0.name == port } }
            if !found {
                let names = services.map { "\($0.key)" }.joined(separator: ", ")
                return "spec.endpoints[\(index)].port: no port named \"\(port)\" on Service \(names)"
            }
        }
        return nil
    }

    static func targetsHealthy(_ health: [TargetHealth], accepted: Bool, discovered: Int)
        -> (status: ConditionStatus, reason: Reason, message: String)
    {
        let total = health.count
        let up = health.filter { $0.state == .up }
        let down = health.filter { $0.state == .down }
        if total == 0 {
            if !accepted { return (.unknown, .notAccepted, "no targets: the monitor is not accepted") }
            return (.false, .noTargets, "no targets: relabeling kept none of \(discovered) discovered endpoint(s)")
        }
        if !down.isEmpty {
            let details = down.prefix(3).map { "\($0.target.address) down: \($0.lastError?.description ?? "unknown error")" }
            let more = down.count > 3 ? "; and \(down.count - 3) more" : ""
            return (.false, .targetsDown, "\(up.count)/\(total) targets up; " + details.joined(separator: "; ") + more)
        }
        if up.count < total {
            return (.unknown, .notScrapedYet, "\(up.count)/\(total) targets up; \(total - up.count) not scraped yet")
        }
        return (.true, .targetsUp, "\(total)/\(total) targets up")
    }

    func decodeServiceMonitor(_ object: ServiceMonitorObject) throws(ServiceMonitor.DecodingFailure) -> ServiceMonitor {
        let cached = decodedMonitors.withLock { $0[object.key] }
        if let cached, cached.matches(object) { return cached.monitor }
        let monitor = try decodeServiceMonitorUncached(object)
        decodedMonitors.withLock { $0[object.key] = DecodedMonitor(object: object, monitor: monitor) }
        return monitor
    }

    /// Forgets a deleted monitor's decoded form.
    func forgetDecodedMonitor(_ key: ObjectKey) {
        _ = decodedMonitors.withLock { $0.removeValue(forKey: key) }
    }

    private func decodeServiceMonitorUncached(_ object: ServiceMonitorObject) throws(ServiceMonitor.DecodingFailure)
        -> ServiceMonitor
    {
        var metadata: JSONValue = ["name": .string(object.metadata.name ?? "")]
        if let namespace = object.metadata.namespace { metadata["namespace"] = .string(namespace) }
        if let labels = object.metadata.labels { metadata["labels"] = .object(labels.mapValues { .string($0) }) }
        let json: JSONValue = ["metadata": metadata, "spec": object.spec ?? .object([:])]
        var monitor = try ServiceMonitor(json: Data(json.serialized()))
        monitor.metadata.generation = object.metadata.generation
        return monitor
    }

    func selectedNamespaces(for monitor: ServiceMonitor) -> [String] {
        if let names = monitor.spec.namespaceSelector?.matchNames, !names.isEmpty { return names }
        return [monitor.namespace]
    }

    func isSelected(_ labels: [String: String]?, by selector: LabelSelector?) -> Bool {
        guard let selector else { return true }
        return selector.matches(labels ?? [:])
    }

    /// Credentials and TLS material from cached Secrets (base64 `data`) and ConfigMaps
    /// (`data`, then base64 `binaryData`), for the generator and the engine.
    func secretLookup() -> SecretLookup {
        let (secrets, configMaps) = (self.secrets, self.configMaps)
        return SecretLookup { reference in
            let key = ObjectKey(namespace: reference.namespace, name: reference.name)
            switch reference.source {
            case .secret:
                guard let encoded = secrets.get(key)?.data?[reference.key], let data = Data(base64Encoded: encoded)
                else { return nil }
                return String(decoding: data, as: UTF8.self)
            case .configMap:
                guard let map = configMaps.get(key) else { return nil }
                if let text = map.data?[reference.key] { return text }
                guard let encoded = map.binaryData?[reference.key], let data = Data(base64Encoded: encoded)
                else { return nil }
                return String(decoding: data, as: UTF8.self)
            }
        }
    }

    /// The selector in kubectl syntax (`app=web,tier in (a,b)`), `{}` when empty.
    static func describe(_ selector: LabelSelector) -> String {
        let text = selector.kubernetesString
        return text.isEmpty ? "{}" : text
    }
}

/// A decoded ServiceMonitor and what it was decoded from; valid while that is unchanged.
struct DecodedMonitor: Sendable {
    let source: SpecIdentity
    let monitor: ServiceMonitor

    init(object: ServiceMonitorObject, monitor: ServiceMonitor) {
        source = SpecIdentity(object)
        self.monitor = monitor
    }

    func matches(_ object: ServiceMonitorObject) -> Bool { source == SpecIdentity(object) }
}
