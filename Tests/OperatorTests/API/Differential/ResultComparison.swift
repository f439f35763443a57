import Foundation

/// Compares two API answers the way the differential suite requires: same status and
/// `errorType`, same result type, same label sets, values within a relative 1e-6 (NaN
/// equals NaN), and the same order where PromQL defines one.
enum ResultComparison {
    static let tolerance = 1e-6

    /// nil when the answers agree, otherwise what differs.
    static func difference(vigil: (status: Int, json: [String: Any]), prometheus: (status: Int, json: [String: Any]),
                           ordered: Bool) -> String? {
        let vigilStatus = vigil.json["status"] as? String ?? "?"
        let prometheusStatus = prometheus.json["status"] as? String ?? "?"
        guard vigilStatus == prometheusStatus else {
            return "status \(vigilStatus) (\(vigil.json["error"] ?? "")) vs \(prometheusStatus) "
                + "(\(prometheus.json["error"] ?? ""))"
        }
        if vigilStatus == "error" {
            let vigilType = vigil.json["errorType"] as? String ?? ""
            let prometheusType = prometheus.json["errorType"] as? String ?? ""
            guard vigilType == prometheusType, vigil.status == prometheus.status else {
                return "error \(vigilType)/\(vigil.status) vs \(prometheusType)/\(prometheus.status)"
            }
            return nil
        }
        if let vigilNames = vigil.json["data"] as? [String], let prometheusNames = prometheus.json["data"] as? [String] {
            return vigilNames == prometheusNames ? nil : "\(vigilNames) vs \(prometheusNames)"
        }
        guard let vigilData = vigil.json["data"] as? [String: Any],
              let prometheusData = prometheus.json["data"] as? [String: Any] else { return "missing data" }
        let type = vigilData["resultType"] as? String ?? ""
        guard type == prometheusData["resultType"] as? String ?? "" else {
            return "resultType \(type) vs \(prometheusData["resultType"] ?? "")"
        }
        switch type {
        case "scalar", "string":
            return comparePoint(vigilData["result"], prometheusData["result"], context: type)
        case "vector":
            let left = (vigilData["result"] as? [[String: Any]] ?? []).map { ($0["metric"], $0["value"]) }
            let right = (prometheusData["result"] as? [[String: Any]] ?? []).map { ($0["metric"], $0["value"]) }
            return compareSeries(left, right, ordered: ordered, comparePoints: comparePoint)
        case "matrix":
            let left = (vigilData["result"] as? [[String: Any]] ?? []).map { ($0["metric"], $0["values"]) }
            let right = (prometheusData["result"] as? [[String: Any]] ?? []).map { ($0["metric"], $0["values"]) }
            return compareSeries(left, right, ordered: false) { lhs, rhs, context in
                let lhsPoints = lhs as? [Any] ?? []
                let rhsPoints = rhs as? [Any] ?? []
                guard lhsPoints.count == rhsPoints.count else {
                    return "\(context): \(lhsPoints.count) points vs \(rhsPoints.count): "
                        + "\(lhsPoints.prefix(3)) vs \(rhsPoints.prefix(3))"
                }
                for (left, right) in zip(lhsPoints, rhsPoints) {
                    if let difference = comparePoint(left, right, context: context) { return difference }
                }
                return nil
            }
        default:
            return "unknown resultType \(type)"
        }
    }

    private static func labelKey(_ metric: Any?) -> String {
        let labels = metric as? [String: String] ?? [:]
        return "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ", ") + "}"
    }

    private static func compareSeries(_ left: [(Any?, Any?)], _ right: [(Any?, Any?)], ordered: Bool,
                                      comparePoints: (Any?, Any?, String) -> String?) -> String? {
        guard left.count == right.count else {
            return "\(left.count) series vs \(right.count): \(left.prefix(3).map { labelKey($0.0) }) vs "
                + "\(right.prefix(3).map { labelKey($0.0) })"
        }
        let leftKeys = left.map { labelKey($0.0) }
        let rightKeys = right.map { labelKey($0.0) }
        if ordered {
            // Series with equal values may come in either order; compare values position by
            // position and label sets as a whole.
            guard Set(leftKeys) == Set(rightKeys) else { return "label sets differ: \(leftKeys) vs \(rightKeys)" }
            for index in left.indices where leftKeys[index] != rightKeys[index] {
                let leftValue = (left[index].1 as? [Any])?.last as? String
                let rightValue = (right[index].1 as? [Any])?.last as? String
                if leftValue != rightValue { return "order differs at \(index): \(leftKeys) vs \(rightKeys)" }
            }
            for index in left.indices {
                let partner = right[rightKeys.firstIndex(of: leftKeys[index]) ?? index]
                if let difference = comparePoints(left[index].1, partner.1, leftKeys[index]) { return difference }
            }
            return nil
        }
        var rightByKey: [String: Any?] = [:]
        for (index, key) in rightKeys.enumerated() { rightByKey[key] = right[index].1 }
        guard Set(leftKeys) == Set(rightKeys), Set(leftKeys).count == leftKeys.count else {
            let onlyLeft = Set(leftKeys).subtracting(rightKeys).sorted().prefix(3)
            let onlyRight = Set(rightKeys).subtracting(leftKeys).sorted().prefix(3)
            return "label sets differ: only Vigil \(Array(onlyLeft)), only Prometheus \(Array(onlyRight))"
        }
        for (index, key) in leftKeys.enumerated() {
            if let difference = comparePoints(left[index].1, rightByKey[key] ?? nil, key) { return difference }
        }
        return nil
    }

    /// `[t, "v"]` pairs: equal times, values within tolerance.
    private static func comparePoint(_ left: Any?, _ right: Any?, context: String) -> String? {
        guard let left = left as? [Any], let right = right as? [Any], left.count == 2, right.count == 2 else {
            return "\(context): malformed point"
        }
        let leftTime = (left[0] as? NSNumber)?.doubleValue ?? .nan
        let rightTime = (right[0] as? NSNumber)?.doubleValue ?? .nan
        guard leftTime == rightTime else { return "\(context): time \(leftTime) vs \(rightTime)" }
        let leftText = left[1] as? String ?? ""
        let rightText = right[1] as? String ?? ""
        if leftText == rightText { return nil }
        guard let leftValue = Double(leftText), let rightValue = Double(rightText) else {
            return "\(context)@\(leftTime): \(leftText) vs \(rightText)"
        }
        if leftValue.isNaN && rightValue.isNaN { return nil }
        let scale = max(abs(leftValue), abs(rightValue))
        // Relative 1e-6; results that should be zero may differ by rounding noise around it.
        if abs(leftValue - rightValue) <= tolerance * scale || abs(leftValue - rightValue) < 1e-12 { return nil }
        return "\(context)@\(leftTime): \(leftText) vs \(rightText)"
    }
}
