/// Go's `container/heap`, reproduced step for step because `topk` and `bottomk` results
/// (which ties win) depend on it.
struct GoHeap<Element> {
    private(set) var elements: [Element]
    let less: (Element, Element) -> Bool

    init(elements: [Element], less: @escaping (Element, Element) -> Bool) {
        self.elements = elements
        self.less = less
    }

    var count: Int { elements.count }

    mutating func push(_ element: Element) {
        elements.append(element)
        up(elements.count - 1)
    }

    @discardableResult
    mutating func pop() -> Element? {
        guard !elements.isEmpty else { return nil }
        let last = elements.count - 1
        elements.swapAt(0, last)
        down(0, last)
        return elements.popLast()
    }

    private mutating func up(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(elements[child], elements[parent]) else { break }
            elements.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func down(_ start: Int, _ n: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < n else { break }
            var child = left
            if left + 1 < n, less(elements[left + 1], elements[left]) { child = left + 1 }
            guard less(elements[child], elements[parent]) else { break }
            elements.swapAt(parent, child)
            parent = child
        }
    }
}
