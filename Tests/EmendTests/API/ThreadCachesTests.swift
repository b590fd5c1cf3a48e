@testable import Emend
import Testing

/// A copy of the stages for another thread (`ThreadCaches`) keeps the
/// garbles stage's token facts alone, and shares its token decisions and
/// everything else with the copy it was made from.
@Suite struct ThreadCachesTests {
    static func garbles(of pipeline: Pipeline) -> GarbleRepair? {
        pipeline.stages.lazy.compactMap { $0 as? GarbleRepair }.first
    }

    @Test func aCopyForAnotherThreadHasTokenFactsOfItsOwnAndSharesTheDecisions() throws {
        let input = try StageThreadTests.goldText()
        let surveyed = try ChunkedStagesTests.surveyedDefault(input)
        var copy = surveyed
        copy.takeThreadCachesOfItsOwn()
        let original = try #require(Self.garbles(of: surveyed)), own = try #require(Self.garbles(of: copy))
        #expect(own.context.tokenFacts !== original.context.tokenFacts)
        #expect(own.context.decisions === original.context.decisions)
        #expect(own.context.surveyIsHanded && own.context.activeConfusions == original.context.activeConfusions)
        // A plain copy shares both, as the copies on one thread do.
        let plain = surveyed
        #expect(try #require(Self.garbles(of: plain)).context.tokenFacts === original.context.tokenFacts)
    }
}
