import Foundation

extension ClusterState {
    /// The API server's cap on the values of one Secret or ConfigMap (`MaxSecretSize`).
    static let maximumDataSize = 1_048_576

    /// Refuses a Secret whose decoded `data` values, or a ConfigMap whose `data` plus
    /// decoded `binaryData` values, exceed 1 MiB, as the API server's validation does
    /// (the limit a generated configuration runs into first).
    static func checkDataSize(_ object: JSONValue, _ resource: FakeResource, name: String) throws(APIStatusError) {
        guard resource.group.isEmpty, resource.plural == "secrets" || resource.plural == "configmaps" else { return }
        func decodedSize(_ field: String) -> Int {
            (object[field]?.objectValue ?? [:]).values.reduce(0) { total, value in
                total + (value.stringValue.flatMap { Data(base64Encoded: $0)?.count } ?? 0)
            }
        }
        let size: Int
        let field: String
        if resource.plural == "secrets" {
            size = decodedSize("data") + (object["stringData"]?.objectValue ?? [:]).values.reduce(0) {
                $0 + ($1.stringValue?.utf8.count ?? 0)
            }
            field = "data"
        } else {
            size = (object["data"]?.objectValue ?? [:]).values.reduce(0) { $0 + ($1.stringValue?.utf8.count ?? 0) }
                + decodedSize("binaryData")
            field = "[]"
        }
        guard size > maximumDataSize else { return }
        throw .invalid(resource, name: name, field: field, message: "Too long: must have at most \(maximumDataSize) bytes")
    }
}
