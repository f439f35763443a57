import UnixSignals

/// Waits for SIGINT or SIGTERM.
enum SignalWaiter {
    static func waitForInterrupt() async {
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        for await _ in signals { return }
    }
}
