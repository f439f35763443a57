/// A parsed `fieldSelector`: only `metadata.name` and `metadata.namespace` are supported,
/// which is what kube-apiserver supports for most kinds (custom resources included).
struct FieldSelector: Sendable, Equatable {
    struct Term: Sendable, Equatable {
        var field: String
        var value: String
        var negated: Bool
    }

    var terms: [Term]

    static let everything = FieldSelector(terms: [])

    private init(terms: [Term]) { self.terms = terms }

    init(parsing text: String) throws(APIStatusError) {
        var terms: [Term] = []
        for part in text.split(separator: ",") {
            let term = String(part).trimmingWhitespace
            let negated: Bool
            let pieces: [String]
            if let range = term.range(of: "!=") {
                negated = true
                pieces = [String(term[..<range.lowerBound]), String(term[range.upperBound...])]
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                negated = false
                pieces = [String(term[..<range.lowerBound]), String(term[range.upperBound...])]
            } else {
                throw .badRequest("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            let field = pieces[0].trimmingWhitespace
            guard field == "metadata.name" || field == "metadata.namespace" else {
                throw .badRequest(
                    "\"\(field)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
            }
            terms.append(Term(field: field, value: pieces[1].trimmingWhitespace, negated: negated))
        }
        self.terms = terms
    }

    func matches(name: String, namespace: String) -> Bool {
        terms.allSatisfy { term in
            let actual = term.field == "metadata.name" ? name : namespace
            return (actual == term.value) != term.negated
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
