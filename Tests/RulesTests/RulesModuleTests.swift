import Testing
@testable import Rules

@Test("the Rules module links")
func RulesModuleLinks() {
    #expect(RulesModule.name == "Rules")
}
