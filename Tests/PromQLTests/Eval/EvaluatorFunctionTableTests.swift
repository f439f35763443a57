import Testing
@testable import PromQL

@Suite("Function tables")
struct EvaluatorFunctionTableTests {
    @Test("Every function signature has an implementation and every implementation a signature")
    func tablesMatch() {
        #expect(Set(FunctionSignature.all.keys) == Set(Functions.implementations.keys))
    }

    @Test("Range-vector functions are exactly those taking a range vector")
    func rangeFunctionsTakeRanges() {
        for (name, implementation) in Functions.implementations {
            let takesRange = FunctionSignature.all[name]?.argumentTypes.contains(.rangeVector) ?? false
            if case .overRange = implementation {
                #expect(takesRange, "\(name)")
            } else {
                #expect(!takesRange, "\(name)")
            }
        }
    }
}
