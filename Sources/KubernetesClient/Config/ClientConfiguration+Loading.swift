import Foundation

extension ClientConfiguration {
    /// The configuration `vigil run` uses, chosen as client-go does by default:
    ///
    /// - `kubeconfigPath` (`--kubeconfig`) if given, else `KUBECONFIG`, else
    ///   `$HOME/.kube/config` (see ``Kubeconfig/load(explicitPath:environment:context:)``);
    /// - if none of those files exists, no `context` was asked for and the process runs in a
    ///   pod (`KUBERNETES_SERVICE_HOST`/`PORT` set), the pod's service account
    ///   (``InClusterConfiguration/load(environment:serviceAccountDirectory:tokenRefreshInterval:now:)``).
    ///
    /// ```swift
    /// let configuration = try ClientConfiguration.load(
    ///     kubeconfigPath: options.kubeconfig, context: options.context,
    ///     environment: ProcessInfo.processInfo.environment)
    /// ```
    ///
    /// - Throws: the kubeconfig's error when neither source can be used outside a pod.
    public static func load(
        kubeconfigPath: String?,
        context: String?,
        environment: [String: String],
        serviceAccountDirectory: String = InClusterConfiguration.defaultServiceAccountDirectory
    ) throws(ConfigurationError) -> ClientConfiguration {
        if case .notFound(let error) = Kubeconfig.locateFiles(explicitPath: kubeconfigPath, environment: environment) {
            let wantsContext = !(context ?? "").isEmpty
            guard !wantsContext, InClusterConfiguration.isAvailable(environment: environment) else { throw error }
            return try InClusterConfiguration.load(
                environment: environment, serviceAccountDirectory: serviceAccountDirectory)
        }
        return try Kubeconfig.load(explicitPath: kubeconfigPath, environment: environment, context: context)
    }
}
