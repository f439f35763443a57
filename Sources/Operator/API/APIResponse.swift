import PromQL
import TSDB

/// A finished API answer: the HTTP status and the JSON body, in Prometheus's envelope
/// (`{"status":"success","data":…}` or `{"status":"error","errorType":…,"error":…}`).
/// Independent of any HTTP server, so the CLI prints exactly what the server sends.
public struct APIResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// The UTF-8 JSON body.
    public var body: [UInt8]

    /// The body as text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// A success envelope around data written by `writeData`.
    static func success(_ writeData: (inout APIJSONWriter) -> Void) -> APIResponse {
        var writer = APIJSONWriter()
        writer.raw("{\"status\":\"success\",\"data\":")
        writeData(&writer)
        writer.raw("}")
        return APIResponse(status: 200, body: writer.bytes)
    }

    /// An error envelope; Prometheus sends no `data` with errors from these endpoints.
    public static func failure(_ error: APIError) -> APIResponse {
        var writer = APIJSONWriter()
        writer.raw("{\"status\":\"error\",\"errorType\":")
        writer.string(error.kind.rawValue)
        writer.raw(",\"error\":")
        writer.string(error.message)
        writer.raw("}")
        return APIResponse(status: error.kind.httpStatus, body: writer.bytes)
    }

    /// `{"resultType":…,"result":…}` for a query's value evaluated at `time` (ms).
    static func queryResult(_ value: Value, at time: Int64) -> APIResponse {
        success { writer in
            writer.raw("{\"resultType\":")
            switch value {
            case .scalar(let number):
                writer.raw("\"scalar\",\"result\":[")
                writer.shortestTimestamp(time)
                writer.raw(",")
                writer.sampleValue(number)
                writer.raw("]")
            case .string(let text):
                writer.raw("\"string\",\"result\":[")
                writer.shortestTimestamp(time)
                writer.raw(",")
                writer.string(text)
                writer.raw("]")
            case .vector(let samples):
                writer.raw("\"vector\",\"result\":[")
                var first = true
                for sample in samples {
                    writer.separator(&first)
                    writer.raw("{\"metric\":")
                    writer.labels(sample.labels)
                    writer.raw(",\"value\":")
                    writer.point(t: sample.timestamp, v: sample.value)
                    writer.raw("}")
                }
                writer.raw("]")
            case .matrix(let series):
                writer.raw("\"matrix\",\"result\":")
                writer.matrix(series)
            }
            writer.raw("}")
        }
    }

    /// A range query's result: always a matrix.
    static func rangeResult(_ series: [RangeSeries]) -> APIResponse {
        success { writer in
            writer.raw("{\"resultType\":\"matrix\",\"result\":")
            writer.matrix(series)
            writer.raw("}")
        }
    }

    /// A JSON array of strings (label names or values).
    static func strings(_ values: [String]) -> APIResponse {
        success { writer in
            writer.raw("[")
            var first = true
            for value in values {
                writer.separator(&first)
                writer.string(value)
            }
            writer.raw("]")
        }
    }

    /// A JSON array of label sets (`/series`).
    static func labelSets(_ sets: [Labels]) -> APIResponse {
        success { writer in
            writer.raw("[")
            var first = true
            for labels in sets {
                writer.separator(&first)
                writer.labels(labels)
            }
            writer.raw("]")
        }
    }

    /// A single JSON string (`/format_query`).
    static func string(_ value: String) -> APIResponse {
        success { $0.string(value) }
    }
}

extension APIJSONWriter {
    /// `{"name":"value",…}` in the set's (sorted) order, as Go encodes a map.
    mutating func labels(_ labels: Labels) {
        raw("{")
        var first = true
        for label in labels.pairs {
            separator(&first)
            string(label.name)
            raw(":")
            string(label.value)
        }
        raw("}")
    }

    /// `[{"metric":{…},"values":[[t,"v"],…]},…]`.
    mutating func matrix(_ series: [RangeSeries]) {
        raw("[")
        var first = true
        for one in series {
            separator(&first)
            raw("{\"metric\":")
            labels(one.labels)
            raw(",\"values\":[")
            var firstPoint = true
            for point in one.points {
                separator(&firstPoint)
                self.point(t: point.t, v: point.v)
            }
            raw("]}")
        }
        raw("]")
    }
}
