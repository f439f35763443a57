/// The SLO period (the `timeWindow` of a ServiceLevel) and its alert windows.
///
/// Sloth keeps the windows and the share of the error budget fixed per period and lets the
/// burn factor follow the period (slo-rules.md §5a). The 30d and 28d tables are Sloth's
/// built-ins; the 7d table is the one Sloth documents as its 7-day example.
public enum SLOPeriod: String, Sendable, CaseIterable {
    case thirtyDays = "30d"
    case twentyEightDays = "28d"
    case sevenDays = "7d"

    /// The period as a window.
    public var window: SLOWindow {
        switch self {
        case .thirtyDays: .days(30)
        case .twentyEightDays: .days(28)
        case .sevenDays: .days(7)
        }
    }

    /// The period matching `window` exactly (so `720h` and `4w` are accepted too).
    public init?(window: SLOWindow) {
        guard let period = SLOPeriod.allCases.first(where: { $0.window == window }) else { return nil }
        self = period
    }

    /// The four window pairs: page quick, page slow, ticket quick, ticket slow.
    var alertWindows: SLOAlertWindows {
        let budgets: (Double, Double, Double, Double) = switch self {
        case .thirtyDays, .twentyEightDays: (2, 5, 10, 10)
        case .sevenDays: (8, 12.5, 20, 42)
        }
        return SLOAlertWindows(
            pageQuick: SLOWindowPair(errorBudgetPercent: budgets.0, short: .minutes(5), long: .hours(1)),
            pageSlow: SLOWindowPair(errorBudgetPercent: budgets.1, short: .minutes(30), long: .hours(6)),
            ticketQuick: SLOWindowPair(errorBudgetPercent: budgets.2, short: .hours(2), long: .days(1)),
            ticketSlow: SLOWindowPair(errorBudgetPercent: budgets.3, short: .hours(6), long: .days(3)))
    }
}

/// One short/long window pair of a multi-window burn-rate alert.
struct SLOWindowPair: Sendable, Equatable {
    /// Share of the whole period's budget that firing on this pair means is spent.
    var errorBudgetPercent: Double
    var short: SLOWindow
    var long: SLOWindow

    /// Burn factor, computed in Sloth's float order so it prints identically:
    /// `(errorBudgetPercent × periodHours / 100) / longWindowHours`.
    func burnFactor(period: SLOWindow) -> Double {
        (errorBudgetPercent * period.hours / 100) / long.hours
    }
}

/// The four window pairs of one period.
struct SLOAlertWindows: Sendable, Equatable {
    var pageQuick: SLOWindowPair
    var pageSlow: SLOWindowPair
    var ticketQuick: SLOWindowPair
    var ticketSlow: SLOWindowPair

    /// De-duplicated union of all eight windows, ascending (the SLI rule windows minus the period).
    var sliWindows: [SLOWindow] {
        Array(Set([pageQuick, pageSlow, ticketQuick, ticketSlow].flatMap { [$0.short, $0.long] })).sorted()
    }
}
