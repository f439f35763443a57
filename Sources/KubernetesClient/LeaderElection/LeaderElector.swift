import Foundation
import Logging
import Synchronization

/// Leader election on a coordination.k8s.io/v1 Lease, with client-go's rules and defaults
/// (15 s lease, 10 s renew deadline, 2 s retry period).
///
/// A candidate takes the lease when it is free or when its holder has not renewed it for
/// `leaseDuration` as measured on the candidate's own clock since it last saw the lease
/// change (never by comparing the holder's timestamps with local time, which would trust
/// clock sync). Writes use the lease's resourceVersion, so of two candidates only one wins.
public final class LeaderElector<C: Clock>: Sendable where C.Duration == Duration {
    public struct Configuration: Sendable {
        public var leaseName: String
        public var namespace: String
        /// Unique per replica, e.g. the pod name.
        public var identity: String
        public var leaseDuration: Duration
        /// The leader gives up if it cannot renew for this long.
        public var renewDeadline: Duration
        public var retryPeriod: Duration
        /// Hand the lease over at once on graceful shutdown.
        public var releaseOnCancel: Bool

        public init(
            leaseName: String, namespace: String, identity: String, leaseDuration: Duration = .seconds(15),
            renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2), releaseOnCancel: Bool = true
        ) {
            self.leaseName = leaseName
            self.namespace = namespace
            self.identity = identity
            self.leaseDuration = leaseDuration
            self.renewDeadline = renewDeadline
            self.retryPeriod = retryPeriod
            self.releaseOnCancel = releaseOnCancel
        }
    }

    private struct Observation {
        var spec: Lease.Spec?
        var resourceVersion: String?
        var observedAt: C.Instant
    }

    let configuration: Configuration
    let leases: ResourceClient<Lease>
    let clock: C
    let now: @Sendable () -> Date
    let logger: Logger
    private let observed = Mutex<Observation?>(nil)
    private let leading = Mutex(false)

    public init(
        configuration: Configuration, client: KubernetesClient, clock: C, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.leases = client.api(Lease.self, namespace: configuration.namespace)
        self.clock = clock
        self.now = now
        var logger = logger
        logger[metadataKey: "vigil.lease"] = "\(configuration.namespace)/\(configuration.leaseName)"
        logger[metadataKey: "vigil.identity"] = "\(configuration.identity)"
        self.logger = logger
    }

    /// Whether this replica holds the lease right now.
    public var isLeader: Bool { leading.withLock { $0 } }

    /// Campaigns until the task is cancelled. Each time leadership is won, `whileLeader`
    /// runs; it is cancelled when leadership is lost. On cancellation the lease is
    /// released (if held and `releaseOnCancel`).
    public func run(whileLeader: @escaping @Sendable () async -> Void) async {
        while !Task.isCancelled {
            guard await acquire() else { break }
            setLeading(true)
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await whileLeader() }
                group.addTask { [self] in await renewUntilLost() }
                // Whichever ends first (lost lease, finished work, cancellation) ends both.
                await group.next()
                group.cancelAll()
            }
            setLeading(false)
            if Task.isCancelled {
                if configuration.releaseOnCancel {
                    // Our task is cancelled, which would cancel the release's requests too;
                    // the hand-over must still reach the server, so it runs unstructured
                    // and is awaited here.
                    await Task.detached { [self] in await release() }.value
                }
                return
            }
        }
    }

    private func setLeading(_ value: Bool) {
        leading.withLock { $0 = value }
        logger.info(value ? "became leader" : "stopped leading")
    }

    /// Retries every `retryPeriod` until the lease is ours; false when cancelled.
    private func acquire() async -> Bool {
        while !Task.isCancelled {
            if await tryAcquireOrRenew() { return true }
            do { try await clock.sleep(for: configuration.retryPeriod) } catch { return false }
        }
        return false
    }

    /// Renews every `retryPeriod`; returns when a renewal has not succeeded within
    /// `renewDeadline`, or on cancellation.
    private func renewUntilLost() async {
        var lastRenewal = clock.now
        while !Task.isCancelled {
            do { try await clock.sleep(for: configuration.retryPeriod) } catch { return }
            if await tryAcquireOrRenew() {
                lastRenewal = clock.now
            } else if lastRenewal.duration(to: clock.now) >= configuration.renewDeadline || !isStillHolder() {
                logger.warning("lost the lease")
                return
            }
        }
    }

    private func isStillHolder() -> Bool {
        observed.withLock { $0?.spec?.holderIdentity == configuration.identity }
    }

    /// One step of client-go's `tryAcquireOrRenew`.
    func tryAcquireOrRenew() async -> Bool {
        let instant = clock.now
        let timestamp = MicroTime(now())
        let durationSeconds = Int32(configuration.leaseDuration.components.seconds)
        let lease: Lease
        do {
            lease = try await leases.get(configuration.leaseName)
        } catch let error where error.isNotFound {
            let spec = Lease.Spec(
                holderIdentity: configuration.identity, leaseDurationSeconds: durationSeconds,
                acquireTime: timestamp, renewTime: timestamp, leaseTransitions: 0)
            do {
                let created = try await leases.create(
                    Lease(metadata: ObjectMeta(name: configuration.leaseName, namespace: configuration.namespace), spec: spec))
                record(created, at: instant)
                return true
            } catch {
                logger.debug("lease create failed", metadata: ["vigil.k8s.error": "\(error)"])
                return false
            }
        } catch {
            logger.debug("lease read failed", metadata: ["vigil.k8s.error": "\(error)"])
            return false
        }

        let previous = observed.withLock { $0 }
        if previous?.spec != lease.spec || previous?.resourceVersion != lease.metadata.resourceVersion {
            record(lease, at: instant)
        }
        let holder = lease.spec?.holderIdentity ?? ""
        let held = holder == configuration.identity
        if !holder.isEmpty && !held {
            let observedAt = observed.withLock { $0?.observedAt } ?? instant
            let duration = Duration.seconds(Int64(lease.spec?.leaseDurationSeconds ?? durationSeconds))
            if observedAt.duration(to: instant) < duration { return false }
        }

        var updated = lease
        var spec = lease.spec ?? Lease.Spec()
        if !held {
            spec.acquireTime = timestamp
            spec.leaseTransitions = (spec.leaseTransitions ?? 0) + 1
        }
        spec.holderIdentity = configuration.identity
        spec.leaseDurationSeconds = durationSeconds
        spec.renewTime = timestamp
        updated.spec = spec
        do {
            let written = try await leases.update(updated)
            record(written, at: instant)
            return true
        } catch {
            logger.debug("lease update failed", metadata: ["vigil.k8s.error": "\(error)"])
            return false
        }
    }

    private func record(_ lease: Lease, at instant: C.Instant) {
        observed.withLock {
            $0 = Observation(spec: lease.spec, resourceVersion: lease.metadata.resourceVersion, observedAt: instant)
        }
    }

    /// Gives the lease up so another replica can take it at once (client-go's
    /// ReleaseOnCancel: empty holder, 1 s duration).
    func release() async {
        guard let lease = try? await leases.get(configuration.leaseName),
            lease.spec?.holderIdentity == configuration.identity
        else { return }
        var updated = lease
        updated.spec?.holderIdentity = ""
        updated.spec?.leaseDurationSeconds = 1
        updated.spec?.renewTime = MicroTime(now())
        do {
            _ = try await leases.update(updated)
            logger.info("released the lease")
        } catch {
            logger.warning("could not release the lease", metadata: ["vigil.k8s.error": "\(error)"])
        }
    }
}
