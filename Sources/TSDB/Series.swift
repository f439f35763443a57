/// One selected series: its labels and its samples within the querier's time range.
///
/// The samples are a consistent copy taken when the series was selected (chunks are
/// copy-on-write values), so iterating needs no lock and later appends do not show up.
public struct Series: Sendable {
    enum Storage: Sendable {
        case chunks([XORChunk])
        case points([Point])
    }

    /// The series' identity.
    public let labels: Labels
    let storage: Storage
    let mint: Int64
    let maxt: Int64

    init(labels: Labels, chunks: [XORChunk], mint: Int64, maxt: Int64) {
        self.labels = labels
        self.storage = .chunks(chunks)
        self.mint = mint
        self.maxt = maxt
    }

    /// A series over plain points, for tests and for storages other than this one.
    /// `points` must be sorted by time.
    public init(labels: Labels, points: [Point]) {
        self.labels = labels
        self.storage = .points(points)
        self.mint = .min
        self.maxt = .max
    }

    /// An iterator over the samples in range, oldest first.
    public func makeIterator() -> SeriesSampleIterator {
        SeriesSampleIterator(storage: storage, mint: mint, maxt: maxt)
    }

    /// Every sample in range, decoded at once.
    public var points: [Point] {
        var iterator = makeIterator()
        var result: [Point] = []
        while let point = iterator.next() { result.append(point) }
        return result
    }
}

/// Walks a ``Series``' chunks (or points), skipping what lies outside its time range.
public struct SeriesSampleIterator: SeriesIterator, Sendable {
    private let storage: Series.Storage
    private let mint: Int64
    private let maxt: Int64
    private var position = 0
    private var chunkIterator: XORChunkIterator?
    private var current: Point?
    private var finished = false
    /// Chunks ending before this are skipped undecoded (the range start, raised by seek).
    private var floor: Int64

    init(storage: Series.Storage, mint: Int64, maxt: Int64) {
        self.storage = storage
        self.mint = mint
        self.maxt = maxt
        self.floor = mint
    }

    public mutating func next() -> Point? {
        while let point = advance() {
            if point.t < mint { continue }
            if point.t > maxt { return finish() }
            current = point
            return point
        }
        return finish()
    }

    public mutating func seek(to t: Int64) -> Point? {
        if let current, current.t >= t { return current }
        if finished { return nil }
        floor = max(floor, t)
        while let point = next() {
            if point.t >= t { return point }
        }
        return nil
    }

    private mutating func finish() -> Point? {
        finished = true
        current = nil
        return nil
    }

    /// The next raw sample, ignoring the range.
    private mutating func advance() -> Point? {
        if finished { return nil }
        switch storage {
        case .points(let points):
            guard position < points.count else { return nil }
            position += 1
            return points[position - 1]
        case .chunks(let chunks):
            while true {
                if var iterator = chunkIterator {
                    let point = iterator.next()
                    chunkIterator = iterator
                    if let point { return point }
                    chunkIterator = nil
                }
                while position < chunks.count, chunks[position].maxTime < floor { position += 1 }
                guard position < chunks.count else { return nil }
                chunkIterator = chunks[position].makeIterator()
                position += 1
            }
        }
    }
}
