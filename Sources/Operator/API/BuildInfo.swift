/// What `/api/v1/status/buildinfo` reports. Field names are Prometheus's, so tools that
/// read them (Grafana checks `version` to pick query features) keep working.
public struct BuildInfo: Sendable, Equatable {
    /// The Prometheus API level served, with Vigil as build metadata: semantic-version
    /// readers see 2.42.0.
    public var version: String
    public var revision: String
    public var branch: String
    public var buildUser: String
    public var buildDate: String
    /// Prometheus names the toolchain `goVersion`; here it names Swift's.
    public var goVersion: String

    public init(version: String, revision: String, branch: String, buildUser: String, buildDate: String,
                goVersion: String) {
        self.version = version
        self.revision = revision
        self.branch = branch
        self.buildUser = buildUser
        self.buildDate = buildDate
        self.goVersion = goVersion
    }

    /// Vigil's defaults: Prometheus 2.42 compatible API.
    public static let vigil = BuildInfo(version: "2.42.0+vigil", revision: "vigil", branch: "main",
                                        buildUser: "vigil", buildDate: "", goVersion: "swift6")

    func response() -> APIResponse {
        .success { writer in
            writer.raw("{\"version\":")
            writer.string(version)
            writer.raw(",\"revision\":")
            writer.string(revision)
            writer.raw(",\"branch\":")
            writer.string(branch)
            writer.raw(",\"buildUser\":")
            writer.string(buildUser)
            writer.raw(",\"buildDate\":")
            writer.string(buildDate)
            writer.raw(",\"goVersion\":")
            writer.string(goVersion)
            writer.raw("}")
        }
    }
}
