import ArgumentParser
import Foundation
import KubernetesClient
import Logging

/// `vigil kube …`: a small kubectl for debugging Vigil's view of the cluster, using the
/// same client, configuration and resource names the operator uses.
struct KubeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube",
        abstract: "Read objects from the cluster with Vigil's own client.",
        subcommands: [Get.self, Watch.self]
    )

    struct ConnectionOptions: ParsableArguments {
        @Option(help: "Path of the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config; in a pod, the service account).")
        var kubeconfig: String?

        @Option(help: "The kubeconfig context to use instead of its current-context.")
        var context: String?

        func makeClient(logger: Logger) throws -> KubernetesClient {
            let configuration = try ClusterConnection.configuration(kubeconfig: kubeconfig, context: context)
            return try KubernetesClient(configuration: configuration, logger: logger)
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List objects of a kind, or get one by name.",
            discussion: "RESOURCE is a plural, singular or short name (pods, svc, servicemonitors, slo) or plural.group.")

        @Argument(help: "The kind of object.") var resource: String
        @Argument(help: "The name of one object.") var name: String?
        @Option(name: .shortAndLong, help: "Namespace (default: the context's).") var namespace: String?
        @Flag(name: [.customShort("A"), .long], help: "All namespaces.") var allNamespaces = false
        @Option(name: .shortAndLong, help: "Output format: table, yaml or json.") var output: OutputFormat = .table
        @Option(name: [.customShort("l"), .long], help: "Label selector, e.g. app=kthena.") var selector: String?
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = logging.makeLogger()
            let kind = try ResourceNames.resolve(resource)
            let client = try connection.makeClient(logger: logger)
            do {
                let namespace = allNamespaces ? nil : (namespace ?? client.configuration.namespace)
                let api = client.api(dynamic: kind, namespace: namespace)
                let objects: [DynamicObject]
                if let name {
                    objects = [try await api.get(name)]
                } else {
                    objects = try await api.listAll(ListOptions(labelSelector: selector, limit: 500)).items
                }
                try ObjectPrinter(format: output, kind: kind, showNamespace: allNamespaces && kind.namespaced)
                    .print(objects, single: name != nil)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stream changes to objects of a kind (list, then watch; relists on 410 like the operator).")

        @Argument(help: "The kind of object.") var resource: String
        @Option(name: .shortAndLong, help: "Namespace (default: the context's).") var namespace: String?
        @Flag(name: [.customShort("A"), .long], help: "All namespaces.") var allNamespaces = false
        @Option(name: [.customShort("l"), .long], help: "Label selector.") var selector: String?
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var logging: LoggingOptions

        func run() async throws {
            let logger = logging.makeLogger()
            let kind = try ResourceNames.resolve(resource)
            let client = try connection.makeClient(logger: logger)
            let namespace = allNamespaces ? nil : (namespace ?? client.configuration.namespace)
            let informer = Informer(
                api: client.api(dynamic: kind, namespace: namespace),
                options: Informer.Options(labelSelector: selector), logger: logger,
                handlers: [{ event in
                    let (verb, object): (String, DynamicObject) =
                        switch event {
                        case .added(let o): ("ADDED", o)
                        case .updated(_, let o): ("MODIFIED", o)
                        case .deleted(let o): ("DELETED", o)
                        }
                    let key = object.key
                    let line = "\(verb)\t\(key)\trv=\(object.metadata.resourceVersion ?? "")\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }])
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await informer.run() }
                group.addTask {
                    // Ends the watch on Ctrl-C so the client shuts down cleanly.
                    await SignalWaiter.waitForInterrupt()
                }
                await group.next()
                group.cancelAll()
            }
            try await client.shutdown()
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, yaml, json
}
