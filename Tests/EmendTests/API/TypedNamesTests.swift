import Emend
import Testing

/// The type-checked names of schemes and stages agree with the catalogue and
/// the registry the command line reads, in the same order.
@Suite struct TypedNamesTests {
    @Test func everySchemeHasAScriptAndEveryScriptAScheme() {
        #expect(Script.allCases.map(\.rawValue) == TransliterationSchemes.choices)
        #expect(Script.cyrillic.scheme == nil)
        for script in Script.allCases where script != .cyrillic {
            #expect(script.scheme?.name == script.rawValue)
        }
    }

    @Test func everyStageHasANameAndEveryNameAStage() {
        #expect(StageName.allCases.map(\.rawValue) == StageRegistry.names)
        for name in StageName.allCases {
            #expect(StageRegistry.descriptor(for: name).name == name.rawValue)
        }
    }

    /// A stage built by its typed name behaves as the stage type itself.
    @Test func aStageBuiltByNameIsTheStage() throws {
        let byName = try StageRegistry.descriptor(for: .whitespace).makeStage()
        #expect(try byName.apply(to: "a  b \n") == "a b\n")
    }
}
