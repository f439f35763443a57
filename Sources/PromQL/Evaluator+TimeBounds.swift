/// The time range each selector of a query can read, so the storage decodes only those
/// samples (Prometheus's `getTimeRangesForSelector`, computed here as exact bounds of the
/// evaluation times every node can see).
struct SelectorTimeBounds {
    /// Keyed like ``Evaluator/selectorKey(_:)``; a selector used twice gets the union.
    private(set) var bounds: [String: (mint: Milliseconds, maxt: Milliseconds)] = [:]

    init(_ expression: Expr, start: Milliseconds, end: Milliseconds, lookbackDelta: Milliseconds) {
        visit(expression, from: start, through: end, queryStart: start, queryEnd: end, lookbackDelta: lookbackDelta)
    }

    private mutating func visit(_ expression: Expr, from low: Milliseconds, through high: Milliseconds,
                                queryStart: Milliseconds, queryEnd: Milliseconds, lookbackDelta: Milliseconds) {
        func referenceRange(_ at: AtModifier?, _ offset: Milliseconds) -> (Milliseconds, Milliseconds) {
            switch at {
            case .none: return (Self.minus(low, offset), Self.minus(high, offset))
            case .timestamp(let pinned): return (Self.minus(pinned, offset), Self.minus(pinned, offset))
            case .start: return (Self.minus(queryStart, offset), Self.minus(queryStart, offset))
            case .end: return (Self.minus(queryEnd, offset), Self.minus(queryEnd, offset))
            }
        }
        switch expression {
        case .vectorSelector(let selector):
            let (first, last) = referenceRange(selector.at, selector.offset)
            record(selector, Self.minus(first, lookbackDelta), last)
        case .matrixSelector(let matrix):
            let (first, last) = referenceRange(matrix.selector.at, matrix.selector.offset)
            record(matrix.selector, Self.minus(first, matrix.range), last)
        case .subquery(let subquery):
            let (first, last) = referenceRange(subquery.at, subquery.offset)
            visit(subquery.expression, from: Self.minus(first, subquery.range), through: last,
                  queryStart: queryStart, queryEnd: queryEnd, lookbackDelta: lookbackDelta)
        default:
            for child in expression.children {
                visit(child, from: low, through: high, queryStart: queryStart, queryEnd: queryEnd,
                      lookbackDelta: lookbackDelta)
            }
        }
    }

    private mutating func record(_ selector: VectorSelector, _ mint: Milliseconds, _ maxt: Milliseconds) {
        let key = Evaluator.selectorKey(selector)
        if let existing = bounds[key] {
            bounds[key] = (min(existing.mint, mint), max(existing.maxt, maxt))
        } else {
            bounds[key] = (mint, maxt)
        }
    }

    /// `a - b`, saturating instead of trapping on absurd `@`/offset values.
    static func minus(_ a: Milliseconds, _ b: Milliseconds) -> Milliseconds {
        let (result, overflow) = a.subtractingReportingOverflow(b)
        if !overflow { return result }
        return b > 0 ? .min : .max
    }
}
