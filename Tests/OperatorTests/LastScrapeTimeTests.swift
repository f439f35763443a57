import Foundation
import KubernetesClient
import Testing
@testable import Operator

/// `lastScrapeTime` alone does not make a ServiceMonitor's status worth rewriting.
@Suite("lastScrapeTime refresh")
struct LastScrapeTimeTests {
    static let written = Time(Date(timeIntervalSince1970: 1_800_000_000))

    static func status(up: Int, at time: Time?) -> ServiceMonitorStatus {
        var status = ServiceMonitorStatus()
        status.observedGeneration = 1
        status.targetsUp = up
        status.targetsTotal = 2
        status.lastScrapeTime = time
        return status
    }

    @Test("the written time is kept while only it would change and it is under 5 minutes old; else the new one",
          arguments: [
              (secondsLater: 10.0, upBefore: 2, upNow: 2, keepsWritten: true),
              (secondsLater: 299.0, upBefore: 2, upNow: 2, keepsWritten: true),
              (secondsLater: 300.0, upBefore: 2, upNow: 2, keepsWritten: false),
              (secondsLater: 10.0, upBefore: 2, upNow: 1, keepsWritten: false),
          ])
    func refresh(secondsLater: Double, upBefore: Int, upNow: Int, keepsWritten: Bool) {
        let scraped = Time(Self.written.date.addingTimeInterval(secondsLater))
        let old = Self.status(up: upBefore, at: Self.written)
        let new = Self.status(up: upNow, at: nil)
        let chosen = Controller.lastScrapeTime(scraped, old: old, new: new)
        #expect(chosen == (keepsWritten ? Self.written : scraped))
    }

    @Test("a status that never had a time gets the scrape time")
    func firstTime() {
        let scraped = Time(Self.written.date)
        let chosen = Controller.lastScrapeTime(scraped, old: Self.status(up: 2, at: nil), new: Self.status(up: 2, at: nil))
        #expect(chosen == scraped)
    }
}
