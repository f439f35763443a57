/// The `PromQL` module. See `docs/ARCHITECTURE.md` for what it owns; its contents arrive
/// with the issue that builds it, and nothing here claims to work before then.
public enum PromQLModule {
    /// The module's name, for diagnostics.
    public static let name = "PromQL"
}
