/// Go's `sort.Sort` order where PromQL results depend on it (`sort`, `topk`, `quantile`).
enum GoSort {
    /// Go's `sort.Sort` uses insertion sort for up to 12 elements, which we reproduce
    /// exactly. Larger inputs get a stable merge sort (Go's pdqsort order among ties is not
    /// reproduced). Both tolerate predicates that are not strict weak orders, such as
    /// Prometheus's NaN-first `Less`, without trapping.
    static func sorted<Element>(_ input: [Element], by less: (Element, Element) -> Bool) -> [Element] {
        var items = input
        guard items.count <= 12 else { return mergeSorted(items, by: less) }
        for index in items.indices.dropFirst() {
            var position = index
            while position > 0, less(items[position], items[position - 1]) {
                items.swapAt(position, position - 1)
                position -= 1
            }
        }
        return items
    }

    private static func mergeSorted<Element>(_ input: [Element], by less: (Element, Element) -> Bool) -> [Element] {
        var source = input
        var target = input
        var width = 1
        while width < source.count {
            var start = 0
            while start < source.count {
                let middle = min(start + width, source.count)
                let end = min(start + 2 * width, source.count)
                var (left, right, out) = (start, middle, start)
                while left < middle && right < end {
                    // Take from the right only when it is strictly before the left: stable.
                    if less(source[right], source[left]) {
                        target[out] = source[right]
                        right += 1
                    } else {
                        target[out] = source[left]
                        left += 1
                    }
                    out += 1
                }
                while left < middle {
                    target[out] = source[left]
                    left += 1
                    out += 1
                }
                while right < end {
                    target[out] = source[right]
                    right += 1
                    out += 1
                }
                start = end
            }
            swap(&source, &target)
            width *= 2
        }
        return source
    }
}
