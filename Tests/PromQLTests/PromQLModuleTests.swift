import Testing
@testable import PromQL

@Test("the PromQL module links")
func PromQLModuleLinks() {
    #expect(PromQLModule.name == "PromQL")
}
