import ArgumentParser
import Monitoring

/// Parsing of `vigil run`'s structured flag values; every error names its flag.
enum RunFlagParsing {
    /// A kubectl label selector (`team=ml,tier!=batch,env in (a,b),!legacy`).
    static func selector(_ text: String, flag: String) throws -> LabelSelector {
        do {
            return try LabelSelector(parsing: text)
        } catch {
            throw ValidationError("\(flag): invalid label selector \"\(text)\": \(error)")
        }
    }

    /// `NAME=VALUE` for a Kubernetes label (`grafana_dashboard=1`).
    static func kubernetesLabel(_ text: String, flag: String) throws -> (name: String, value: String) {
        guard let equals = text.firstIndex(of: "=") else {
            throw ValidationError("\(flag): expected NAME=VALUE, got \"\(text)\"")
        }
        let name = String(text[..<equals]), value = String(text[text.index(after: equals)...])
        // A one-label selector checks the name and value by Kubernetes' rules.
        let parsed: LabelSelector
        do {
            parsed = try LabelSelector(parsing: "\(name)=\(value)")
        } catch {
            throw ValidationError("\(flag): invalid label \"\(text)\": \(error)")
        }
        guard parsed.matchLabels == [name: value], parsed.matchExpressions == nil else {
            throw ValidationError("\(flag): expected NAME=VALUE, got \"\(text)\"")
        }
        return (name, value)
    }

    /// `name=value,...` Prometheus labels: names `[a-zA-Z_][a-zA-Z0-9_]*`, not starting
    /// with `__` (reserved); values any text without commas.
    static func prometheusLabels(_ text: String, flag: String) throws -> [String: String] {
        var labels: [String: String] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let equals = part.firstIndex(of: "=") else {
                throw ValidationError("\(flag): expected name=value, got \"\(part)\"")
            }
            let name = part[..<equals].trimmingSpaces, value = String(part[part.index(after: equals)...])
            guard isPrometheusLabelName(name), !name.hasPrefix("__") else {
                throw ValidationError("\(flag): \"\(name)\" is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*, no leading __)")
            }
            guard labels[name] == nil else { throw ValidationError("\(flag): label \"\(name)\" given twice") }
            labels[name] = value
        }
        return labels
    }

    private static func isPrometheusLabelName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_")
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
