import TSDB

/// Derives dashboard uids from the objects they show.
///
/// Grafana allows at most 40 characters from `[A-Za-z0-9_-]`, and a uid must never change
/// for the same object (links and bookmarks hang off it) nor repeat for another one (two
/// provisioned dashboards with one uid replace each other on every pass). So a uid is
/// `<prefix>-<kind>-<readable name>-<hash>`: the readable part is cut to fit, the hash of
/// the full identity (kind, namespace, name, part) keeps objects apart across namespaces.
/// Everything is lower case, so the uid is also a valid ConfigMap name and key.
enum DashboardIdentity {
    static let maximumUIDLength = 40
    /// Hex digits of the hash: 48 bits, so a clash is a one-in-10^14 event per pair.
    static let hashLength = 12

    /// The uid of the `kind` dashboard of `namespace/name` (and `part` of it, e.g. one SLO of
    /// a PrometheusServiceLevel).
    static func uid(prefix: String, kind: String, namespace: String, name: String, part: String? = nil) -> String {
        let identity = [kind, namespace, name, part ?? ""].joined(separator: "\u{0}")
        let hash = String(hexHash(identity).prefix(hashLength))
        let readable = slug([name, part].compactMap { $0 }.joined(separator: "-"))
        let head = [slug(prefix), kind].filter { !$0.isEmpty }.joined(separator: "-")
        let room = maximumUIDLength - hash.count - 1
        var stem = String(head.prefix(room))
        let nameRoom = room - stem.count - 1
        if nameRoom > 0 && !readable.isEmpty {
            stem += "-" + trimmedDashes(String(readable.prefix(nameRoom)))
        }
        return trimmedDashes(stem) + "-" + hash
    }

    /// Lower-case letters, digits and single dashes.
    static func slug(_ text: String) -> String {
        var result = ""
        for character in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(character) || ("0"..."9").contains(character) {
                result.unicodeScalars.append(character)
            } else if !result.hasSuffix("-") {
                result += "-"
            }
        }
        return trimmedDashes(result)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes, as 16 lower-case hex digits: stable across runs,
    /// processes and platforms (unlike `Hasher`, which is seeded per process).
    static func hexHash(_ text: String) -> String {
        var hash = FNV1a()
        hash.combine(contentsOf: text.utf8)
        let digits = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func trimmedDashes(_ text: String) -> String {
        var result = Substring(text)
        while result.hasPrefix("-") { result = result.dropFirst() }
        while result.hasSuffix("-") { result = result.dropLast() }
        return String(result)
    }
}
