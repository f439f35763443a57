/// A `Prometheus.spec.scrapeClasses[]` entry: defaults a monitor inherits by naming the
/// class in `spec.scrapeClass`, or from the class marked default (compat 3.11).
public struct ScrapeClass: Sendable, Equatable {
    public var name: String
    /// The class used by monitors that name none.
    public var isDefault: Bool
    /// TLS file paths; each fills in only when the endpoint has no CA / cert / key.
    public var tlsConfig: TLSConfigSpec?
    /// Authorization used when the endpoint configures none.
    public var authorization: Authorization?
    /// Target relabelings inserted before the endpoint's own (step R17).
    public var relabelings: [RelabelConfigSpec]
    /// Metric relabelings inserted before the endpoint's own.
    public var metricRelabelings: [RelabelConfigSpec]
    /// `attachMetadata.node` when the monitor leaves it unset.
    public var attachMetadataNode: Bool?
    /// `fallbackScrapeProtocol` when the monitor leaves it unset.
    public var fallbackScrapeProtocol: String?

    public init(name: String, isDefault: Bool = false) {
        (self.name, self.isDefault) = (name, isDefault)
        relabelings = []
        metricRelabelings = []
    }

    /// A class's authorization: the credentials are a file in the Prometheus container.
    public struct Authorization: Sendable, Equatable {
        public var type: String?
        public var credentialsFile: String?
        public init(type: String? = nil, credentialsFile: String? = nil) {
            (self.type, self.credentialsFile) = (type, credentialsFile)
        }
    }
}

extension GeneratorOptions {
    /// The class that applies to `monitor`: the one it names, else the default one.
    func scrapeClass(for monitor: ServiceMonitor) -> ScrapeClass? {
        if let name = monitor.spec.scrapeClass {
            return scrapeClasses.first { $0.name == name }
        }
        return scrapeClasses.first(where: \.isDefault)
    }
}
