/// Rules for a set of objects, plus the objects that could not be turned into rules.
public struct SLOGenerationResult: Sendable, Equatable {
    /// One object that failed validation, named `namespace/name` (or `name`).
    public struct Failure: Sendable, Equatable {
        public var object: String
        public var error: SLOValidationError
    }

    /// Rules of every valid object, objects sorted by namespace then name.
    public var rules: SLORuleFile
    public var failures: [Failure]
}

extension SLORuleGenerator {
    /// Validates and generates every manifest, sorted by (namespace, name) so the output does
    /// not depend on listing order. An invalid object is reported and left out; the others
    /// still produce rules (one bad SLO must not take down everyone's alerts).
    public static func generate(manifests: [SLOManifest],
                                options: SLOGenerationOptions = .vigil) -> SLOGenerationResult {
        let sorted = manifests.sorted {
            ($0.metadata.namespace ?? "", $0.metadata.name) < ($1.metadata.namespace ?? "", $1.metadata.name)
        }
        var definitions: [SLODefinition] = []
        var failures: [SLOGenerationResult.Failure] = []
        for manifest in sorted {
            do throws(SLOValidationError) {
                switch manifest {
                case .serviceLevel(let object):
                    definitions.append(try SLOValidator.definition(of: object, options: options))
                case .prometheusServiceLevel(let object):
                    definitions += try SLOValidator.definitions(of: object, options: options)
                }
            } catch {
                failures.append(.init(object: manifest.metadata.key, error: error))
            }
        }
        return SLOGenerationResult(rules: generate(definitions, options: options), failures: failures)
    }
}

extension SLOManifest {
    /// The object's metadata, whichever kind it is.
    public var metadata: SLOObjectMeta {
        switch self {
        case .serviceLevel(let object): object.metadata
        case .prometheusServiceLevel(let object): object.metadata
        }
    }
}

extension SLOObjectMeta {
    /// `namespace/name`, or `name` for an object without a namespace.
    var key: String { namespace.map { "\($0)/\(name)" } ?? name }
}
