import VigilTestSupport

/// Seeded, so a failure reproduces (the shared generator from VigilTestSupport).
typealias SeededGenerator = SplitMix64
