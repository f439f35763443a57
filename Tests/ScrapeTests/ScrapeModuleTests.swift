import Testing
@testable import Scrape

@Test("the Scrape module links")
func ScrapeModuleLinks() {
    #expect(ScrapeModule.name == "Scrape")
}
