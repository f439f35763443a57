import Foundation
import KubernetesClient
import Logging

/// One JSON object per log line on standard error: `ts`, `level`, `msg`, `logger`, then
/// the metadata keys (`vigil.object`, …). Meant for log collectors.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level, message = event.message, explicit = event.metadata
        var fields: [String: JSONValue] = [
            "ts": .string(MicroTime(Date()).description), "level": .string(level.rawValue),
            "msg": .string(message.description), "logger": .string(label),
        ]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { _, new in new }) {
            fields[key] = Self.json(value)
        }
        if let error = event.error { fields["error"] = .string("\(error)") }
        var bytes = JSONValue.object(fields).serialized()
        bytes.append(0x0A)
        FileHandle.standardError.write(Data(bytes))
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let values): .array(values.map(json))
        case .dictionary(let members): .object(members.mapValues(json))
        }
    }
}
