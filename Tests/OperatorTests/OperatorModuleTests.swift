import Testing
@testable import Operator

@Test("the Operator module links")
func OperatorModuleLinks() {
    #expect(OperatorModule.name == "Operator")
}
