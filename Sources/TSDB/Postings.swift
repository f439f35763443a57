/// Set algebra on sorted, duplicate-free arrays of series refs.
enum Postings {
    /// Inserts keeping order; new refs are usually the largest, so try the end first.
    static func insert(_ ref: UInt64, into list: inout [UInt64]) {
        if let last = list.last, last >= ref {
            let index = lowerBound(ref, in: list)
            if index < list.count, list[index] == ref { return }
            list.insert(ref, at: index)
        } else {
            list.append(ref)
        }
    }

    static func lowerBound(_ ref: UInt64, in list: [UInt64]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < ref { low = mid + 1 } else { high = mid }
        }
        return low
    }

    static func intersect(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(min(a.count, b.count))
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] {
                i += 1
            } else if a[i] > b[j] {
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }

    static func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(a.count)
        var j = 0
        for ref in a {
            while j < b.count, b[j] < ref { j += 1 }
            if j < b.count, b[j] == ref { continue }
            result.append(ref)
        }
        return result
    }

    /// Union of many sorted lists.
    static func union(_ lists: [[UInt64]]) -> [UInt64] {
        switch lists.count {
        case 0: return []
        case 1: return lists[0]
        case 2: return merge(lists[0], lists[1])
        default:
            // Many small lists (a regex over a high-cardinality label): concatenate and sort.
            var all = lists.flatMap { $0 }
            all.sort()
            var result: [UInt64] = []
            result.reserveCapacity(all.count)
            for ref in all where result.last != ref { result.append(ref) }
            return result
        }
    }

    static func merge(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a[i] < b[j]) {
                result.append(a[i])
                i += 1
            } else if i >= a.count || b[j] < a[i] {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
                j += 1
            }
        }
        return result
    }
}
