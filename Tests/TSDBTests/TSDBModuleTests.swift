import Testing
@testable import TSDB

@Test("the TSDB module links")
func TSDBModuleLinks() {
    #expect(TSDBModule.name == "TSDB")
}
