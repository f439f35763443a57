import VigilTestSupport

/// Seeded, so a failure reproduces (the shared generator from VigilTestSupport).
typealias SeededRandom = SplitMix64
