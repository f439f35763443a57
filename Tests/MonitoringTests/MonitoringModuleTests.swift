import Testing
@testable import Monitoring

@Test("the Monitoring module links")
func MonitoringModuleLinks() {
    #expect(MonitoringModule.name == "Monitoring")
}
