import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat

extension RequestHandler {
    /// The request's media type without parameters, lower-cased ("" when absent).
    var mediaType: String {
        let header = headers[.contentType] ?? ""
        return (header.split(separator: ";").first.map(String.init) ?? "").trimmingWhitespace.lowercased()
    }

    /// Decodes a POST or PUT body, which must be JSON or YAML.
    func decodeBody() throws(APIStatusError) -> JSONValue {
        switch mediaType {
        case "application/json": return try parseJSONBody()
        case "application/yaml": return try parseYAMLBody()
        default:
            throw .unsupportedMediaType(
                mediaType, accepted: ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"])
        }
    }

    func parseJSONBody() throws(APIStatusError) -> JSONValue {
        do {
            return try JSONValue.decode(Data(buffer: body))
        } catch {
            throw .badRequest("error decoding request body as JSON: \(error)")
        }
    }

    func parseYAMLBody() throws(APIStatusError) -> JSONValue {
        let text = String(buffer: body)
        do {
            return try JSONValue.parseYAML(text)
        } catch {
            throw .badRequest("error decoding YAML: \(error)")
        }
    }

    /// DeleteOptions from the body (if any) and the query; the query wins.
    func deleteOptions() throws(APIStatusError) -> DeleteOptions {
        var options = DeleteOptions()
        var policyText: String?
        if body.readableBytes > 0 {
            let json = try parseJSONBody()
            if json["orphanDependents"] == .bool(true) { options.propagationPolicy = .orphan }
            policyText = json["propagationPolicy"]?.stringValue
            options.preconditionUID = json.value(at: ["preconditions", "uid"])?.stringValue
            options.preconditionResourceVersion = json.value(at: ["preconditions", "resourceVersion"])?.stringValue
        }
        if query["orphanDependents"] == "true" { options.propagationPolicy = .orphan }
        policyText = query["propagationPolicy"] ?? policyText
        if let policyText {
            guard let policy = PropagationPolicy(rawValue: policyText) else {
                throw .badRequest(
                    "propagationPolicy: Unsupported value: \"\(policyText)\": supported values: \"Foreground\", \"Background\", \"Orphan\"")
            }
            options.propagationPolicy = policy
        }
        return options
    }
}
