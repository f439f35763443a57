import Foundation
import KubernetesClient
import Monitoring
import TSDB

// The whole Prometheus configuration → Secret `vigil-prometheus-config`.
//
// Each monitor's jobs are validated, generated and rendered once per change of the
// monitor (or of any Secret, which may hold its credentials) and joined into the
// document: at ten thousand monitors, regenerating every job for each edit took seconds.
extension Controller {
    func reconcilePrometheusConfig() async throws -> ReconcileResult {
        let generatorOptions = options.generatorOptions
        let secretsVersion = self.secretsVersion.withLock { $0 }
        let lookup = secretLookup()
        var rendered: [(order: [UInt8], text: String, jobs: Int)] = []
        var seen: Set<ObjectKey> = []
        for object in serviceMonitors.list() where isSelected(object.metadata.labels, by: options.serviceMonitorSelector) {
            let entry: RenderedMonitor
            if let cached = renderedMonitors.withLock({ $0[object.key] }), cached.secretsVersion == secretsVersion,
               cached.source.matches(object) {
                entry = cached
            } else {
                // Undecodable monitors get InvalidSpec in their own status.
                guard let monitor = try? decodeServiceMonitor(object) else { continue }
                let rejected = ServiceMonitorValidator.validate(monitor, options: generatorOptions, secrets: lookup)
                    .contains { $0.severity == .error }
                let jobs = rejected ? [] : ScrapeConfigGenerator.jobs(for: monitor, options: generatorOptions, secrets: lookup)
                entry = RenderedMonitor(source: DecodedMonitor(object: object, monitor: monitor), secretsVersion: secretsVersion,
                                        text: try PrometheusConfigDocument.renderedJobs(jobs), jobs: jobs.count)
                renderedMonitors.withLock { $0[object.key] = entry }
            }
            seen.insert(object.key)
            // The generator's order: byte-wise "<namespace>/<name>" (ServiceMonitor.key).
            rendered.append((Array(entry.source.monitor.key.utf8), entry.text, entry.jobs))
        }
        renderedMonitors.withLock { cache in cache = cache.filter { seen.contains($0.key) } }
        rendered.sort { $0.order.lexicographicallyPrecedes($1.order) }
        var document = PrometheusConfigDocument(jobs: [], options: generatorOptions)
        document.ruleFiles = OperatorOptions.ruleFileGlobs(count: ruleConfigMapCount.withLock { $0 })
        let yaml = try document.yaml(renderedJobs: rendered.map(\.text))
        let jobCount = rendered.reduce(0) { $0 + $1.jobs }
        output?("prometheus/prometheus.yaml", yaml)
        do {
            try await writeConfigSecret(yaml, jobs: jobCount)
            setConfigWriteFailure(nil)
        } catch let tooLarge as ConfigTooLarge {
            setConfigWriteFailure(tooLarge.description)
            throw tooLarge
        }
        return .done
    }

    /// Records whether the configuration could be written; when that changes, every
    /// monitor's `Accepted` condition is recomputed.
    private func setConfigWriteFailure(_ failure: String?) {
        let changed = configWriteFailure.withLock { current -> Bool in
            defer { current = failure }
            return current != failure
        }
        if changed { for key in serviceMonitors.keys { queue.add(.serviceMonitor(key)) } }
    }

    /// Writes `prometheus.yaml.gz` (as prometheus-operator does) and, while both fit in a
    /// Secret, the plain `prometheus.yaml`; nothing when the Secret already holds them.
    private func writeConfigSecret(_ yaml: String, jobs: Int) async throws {
        let key = ObjectKey(namespace: options.operatorNamespace, name: OperatorOptions.configSecretName)
        var text = yaml
        let (compressed, hash) = try text.withUTF8 { bytes in
            (try Gzip.compress(UnsafeRawBufferPointer(bytes)), Self.contentHash(UnsafeRawBufferPointer(bytes)))
        }
        let plain = text.utf8
        guard compressed.count <= options.configSecretLimit else {
            throw ConfigTooLarge(plainBytes: plain.count, compressedBytes: compressed.count, jobs: jobs,
                                 limit: options.configSecretLimit)
        }
        var data = [OperatorOptions.compressedConfigSecretKey: Data(compressed).base64EncodedString()]
        if plain.count + compressed.count <= options.configSecretLimit {
            data[OperatorOptions.configSecretKey] = Data(plain).base64EncodedString()
        }
        // The cached copy (the operator namespace is watched) spares a read of a Secret
        // that may be megabytes; it can lag our own last write, which only repeats it.
        // gzip output may differ between zlib versions, so the text is compared by hash.
        if let existing = secrets.get(key), existing.metadata.annotations?[Self.hashAnnotation] == hash,
           Set(existing.data.map { Array($0.keys) } ?? []) == Set(data.keys),
           existing.data?[OperatorOptions.configSecretKey] == data[OperatorOptions.configSecretKey] {
            return
        }
        var secret = Secret(
            metadata: ObjectMeta(name: key.name, namespace: key.namespace, labels: OperatorOptions.managedLabels),
            type: "Opaque", data: data)
        secret.metadata.annotations = ["vigil.dev/jobs": "\(jobs)", "vigil.dev/config-bytes": "\(plain.count)",
                                       Self.hashAnnotation: hash]
        try await cluster.apply(secret)
        logger.info("prometheus configuration written", metadata: [
            "vigil.secret": "\(key)", "vigil.jobs": "\(jobs)", "vigil.bytes": "\(plain.count)",
            "vigil.gzipBytes": "\(compressed.count)", "vigil.plainKey": "\(data[OperatorOptions.configSecretKey] != nil)",
        ])
    }

    static let hashAnnotation = "vigil.dev/config-hash"

    /// FNV-1a (64-bit) and the length of the configuration text.
    static func contentHash(_ bytes: UnsafeRawBufferPointer) -> String {
        var hash = FNV1a()
        hash.combine(contentsOf: bytes)
        return "fnv1a64:\(String(hash.value, radix: 16)):\(bytes.count)"
    }
}

/// One monitor's rendered `scrape_configs` items and what they were made from.
struct RenderedMonitor: Sendable {
    let source: DecodedMonitor
    let secretsVersion: Int
    /// Empty when the monitor is rejected.
    let text: String
    let jobs: Int
}

/// The configuration does not fit in a Secret even compressed.
struct ConfigTooLarge: Error, CustomStringConvertible {
    var plainBytes: Int
    var compressedBytes: Int
    var jobs: Int
    var limit: Int

    var description: String {
        "the Prometheus configuration (\(jobs) jobs, \(plainBytes) bytes, \(compressedBytes) gzipped) exceeds the Secret limit of \(limit) bytes; split the monitors between installations (--servicemonitor-selector, --namespace)"
    }
}
