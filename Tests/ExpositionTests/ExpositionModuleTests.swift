import Testing
@testable import Exposition

@Test("the Exposition module links")
func ExpositionModuleLinks() {
    #expect(ExpositionModule.name == "Exposition")
}
