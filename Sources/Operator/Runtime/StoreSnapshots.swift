import Logging
import TSDB

/// Keeps the engine's samples in a directory across restarts (`vigil run --data-dir`):
/// the store is restored from the last snapshot at start, written every `interval`, and
/// written once more when the operator stops gracefully.
///
/// Persistence never stops the operator: a missing snapshot is a first start, an unusable
/// one (torn, corrupt, another version) is logged with the reason and the store starts
/// empty, and a failed write is logged and retried at the next interval. Writes are
/// atomic (``TimeSeriesStore/writeSnapshot(to:)``), so a crash leaves the previous one.
public struct StoreSnapshots: Sendable {
    /// The directory holding `tsdb.snapshot`; created if its parent exists.
    public var directory: String
    /// Time between snapshots while running.
    public var interval: Duration
    let logger: Logger

    /// Creates the policy; nothing is read or written until it is used.
    public init(directory: String, interval: Duration, logger: Logger) {
        self.directory = directory
        self.interval = interval
        self.logger = logger
    }

    /// The store from the last snapshot, or an empty one when there is none or it is unusable.
    public func restore(options: TimeSeriesStore.Options = TimeSeriesStore.Options()) -> TimeSeriesStore {
        let metadata: Logger.Metadata = ["vigil.data_dir": "\(directory)"]
        do {
            let store = try TimeSeriesStore.restore(from: directory, options: options)
            logger.info("restored the store from its snapshot",
                        metadata: metadata.merging(["vigil.series": "\(store.stats().seriesCount)"]) { $1 })
            return store
        } catch where error.isNotFound {
            logger.info("no snapshot yet; starting with an empty store", metadata: metadata)
        } catch {
            logger.warning("snapshot unusable; starting with an empty store (it is replaced at the next snapshot)",
                           metadata: metadata.merging(["vigil.error": "\(error)"]) { $1 })
        }
        return TimeSeriesStore(options: options)
    }

    /// Writes a snapshot of `store`; false (and a logged error) when it could not.
    @discardableResult
    public func save(_ store: TimeSeriesStore) -> Bool {
        do {
            try store.writeSnapshot(to: directory)
            logger.debug("wrote a snapshot", metadata: ["vigil.data_dir": "\(directory)"])
            return true
        } catch {
            logger.error("could not write a snapshot; retrying at the next interval",
                         metadata: ["vigil.data_dir": "\(directory)", "vigil.error": "\(error)"])
            return false
        }
    }

    /// Writes a snapshot every ``interval`` until the calling task is cancelled. The final
    /// snapshot is the caller's, once scraping has stopped.
    public func runPeriodically(_ store: TimeSeriesStore) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            save(store)
        }
    }
}
