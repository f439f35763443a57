import Yams

/// Reads Kubernetes manifests (multi-document YAML or JSON) and picks out the kinds Vigil
/// handles, by `apiVersion` and `kind`:
///
/// | apiVersion | kind |
/// |---|---|
/// | `monitoring.coreos.com/v1` | `ServiceMonitor`, `PrometheusRule` |
/// | `vigil.dev/v1alpha1` | `ServiceLevel` |
/// | `sloth.slok.dev/v1` | `PrometheusServiceLevel` |
///
/// Other documents (CRDs, Deployments…) are listed as ignored; a `kind: List` is expanded.
/// Nothing here throws: every unreadable document becomes a positioned ``ManifestProblem``
/// and the rest of the stream is still read where YAML allows.
public enum ManifestLoader {
    /// The objects in `text`, read from `file` (used only in locations).
    public static func parse(_ text: String, file: String) -> ManifestSet {
        var set = ManifestSet()
        let parser: Parser
        do {
            parser = try Parser(yaml: text)
        } catch {
            set.problems.append(syntaxProblem(error, file: file, document: 0))
            return set
        }
        var document = 0
        while true {
            let node: Node?
            do {
                node = try parser.nextRoot()
            } catch {
                // libyaml cannot resynchronise after a syntax error: the rest of the file is lost.
                set.problems.append(syntaxProblem(error, file: file, document: document))
                break
            }
            guard let node else { break }
            add(node, file: file, document: document, to: &set)
            document += 1
        }
        return set
    }

    private static func add(_ node: Node, file: String, document: Int, to set: inout ManifestSet) {
        let location = ManifestLocation(file: file, document: document, line: node.mark?.line)
        guard let mapping = node.mapping else {
            if case .scalar(let scalar) = node, ["", "null", "~"].contains(scalar.string) { return }   // empty document
            set.problems.append(ManifestProblem(location: location, object: nil, field: "",
                                                message: "expected a Kubernetes object (a mapping)"))
            return
        }
        let apiVersion = mapping["apiVersion"]?.string
        let kind = mapping["kind"]?.string
        if kind == "List" || kind?.hasSuffix("List") == true && mapping["items"]?.sequence != nil {
            for item in mapping["items"]?.sequence ?? [] { add(item, file: file, document: document, to: &set) }
            return
        }
        let name = mapping["metadata"]?.mapping?["name"]?.string
        let displayName = "\(kind ?? "object") \(mapping["metadata"]?.mapping?["namespace"]?.string.map { "\($0)/" } ?? "")\(name ?? "")"
        do throws(ManifestDecodingFailure) {
            let object: ManifestObject
            switch (apiVersion, kind) {
            case (PrometheusRule.apiVersion, "ServiceMonitor"):
                object = .serviceMonitor(try ManifestDecoding.decode(ServiceMonitor.self, from: node))
            case (PrometheusRule.apiVersion, PrometheusRule.kind):
                object = .prometheusRule(try ManifestDecoding.decode(PrometheusRule.self, from: node))
                for (path, line) in PrometheusRule.unknownFields(in: node) {
                    var at = location
                    at.line = line ?? at.line
                    set.problems.append(ManifestProblem(
                        location: at, object: displayName, field: path,
                        message: "unknown field (the API server drops it; Prometheus rejects it in a rule file)",
                        isWarning: true))
                }
            case (ServiceLevel.apiVersion, ServiceLevel.kind):
                object = .serviceLevel(try ManifestDecoding.decode(ServiceLevel.self, from: node))
            case (PrometheusServiceLevel.apiVersion, PrometheusServiceLevel.kind):
                object = .prometheusServiceLevel(try ManifestDecoding.decode(PrometheusServiceLevel.self, from: node))
            default:
                set.ignored.append(IgnoredManifest(location: location, apiVersion: apiVersion, kind: kind, name: name))
                return
            }
            set.objects.append(LoadedManifest(object: object, location: location, fieldLines: ManifestFieldLines(node: node)))
        } catch {
            var at = location
            if let line = error.line { at.line = line }
            set.problems.append(ManifestProblem(location: at, object: displayName, field: error.field, message: error.message))
        }
    }

    private static func syntaxProblem(_ error: any Error, file: String, document: Int) -> ManifestProblem {
        var line: Int?
        var message = "invalid YAML: \(error)"
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
                line = mark.line
                message = "invalid YAML: \(problem)"
            default:
                break
            }
        }
        return ManifestProblem(location: ManifestLocation(file: file, document: document, line: line),
                               object: nil, field: "", message: message)
    }
}
