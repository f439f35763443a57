import Foundation

/// The opaque `continue` value of a paged list: the resourceVersion of the first page
/// and the key of the last object served, base64-encoded JSON as kube-apiserver does.
struct ContinueToken: Sendable, Equatable {
    var resourceVersion: Int64
    var lastKey: ObjectKey

    var encoded: String {
        let json: JSONValue = [
            "v": "meta.k8s.io/v1", "rv": .int(resourceVersion),
            "start": .string(lastKey.namespace + "/" + lastKey.name + "\u{0}"),
        ]
        return json.encoded().base64EncodedString()
    }

    init(resourceVersion: Int64, lastKey: ObjectKey) {
        self.resourceVersion = resourceVersion
        self.lastKey = lastKey
    }

    init(decoding text: String) throws(APIStatusError) {
        let invalid = APIStatusError.badRequest("continue key is not valid: \(text)")
        guard let data = Data(base64Encoded: text), let json = try? JSONValue.decode(data),
            json["v"] == "meta.k8s.io/v1", let version = json["rv"]?.intValue,
            var start = json["start"]?.stringValue, start.hasSuffix("\u{0}")
        else { throw invalid }
        start.removeLast()
        guard let slash = start.firstIndex(of: "/") else { throw invalid }
        resourceVersion = version
        lastKey = ObjectKey(namespace: String(start[..<slash]), name: String(start[start.index(after: slash)...]))
    }
}
