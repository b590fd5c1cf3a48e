import Emend
import Foundation
import Testing

@Suite struct ShippedRulesTests {
    /// The rule files compiled into the binary must be the ones under rules/.
    @Test func embeddedRulesMatchTheFilesOnDisk() throws {
        let rules = Fixtures.url("rules")
        let enumerator = try #require(FileManager.default.enumerator(atPath: rules.path))
        var onDisk: [String: String] = [:]
        for case let path as String in enumerator {
            let suffixes = [".yaml", ".yml", ".txt", ".tsv"]
            guard suffixes.contains(where: path.hasSuffix), !EmbeddedRules.notEmbedded.contains(path),
                  !(path as NSString).lastPathComponent.uppercased().hasPrefix("README") else { continue }
            onDisk[path] = try String(contentsOf: rules.appendingPathComponent(path), encoding: .utf8)
        }
        #expect(Set(onDisk.keys) == Set(EmbeddedRules.files.keys), "run scripts/embed-rules.py")
        for (key, text) in onDisk {
            #expect(EmbeddedRules.files[key] == text, "rules/\(key) changed; run scripts/embed-rules.py")
        }
    }

    /// The scheme names compiled in for the command line are the catalogue's, in its order.
    @Test func compiledSchemeNamesAreTheCatalogues() {
        #expect(EmbeddedRules.schemeNames == TransliterationSchemes.all.map(\.name), "run scripts/embed-rules.py")
        #expect(EmbeddedRules.schemeNames.count >= 6)
    }

    @Test func everyShippedPipelineLoadsAndBuilds() throws {
        let pipelines = EmbeddedRules.files.keys.filter { $0.hasPrefix("pipelines/") }
        #expect(!pipelines.isEmpty)
        for key in pipelines {
            let declaration = try PipelineLoader().loadEmbedded(key)
            _ = try declaration.makePipeline()
        }
    }

    @Test func theDefaultPipelineCleansUpAndNeverTransliterates() throws {
        let names = try PipelineLoader().loadDefault().stages.map(\.name)
        #expect(names.contains("whitespace"))
        #expect(!names.contains("transliterate"))
    }

    @Test func everyRegisteredStageIsDocumented() throws {
        #expect(Set(StageRegistry.names).count == StageRegistry.all.count)
        for descriptor in StageRegistry.all {
            #expect(descriptor.name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(descriptor.name) is not kebab-case")
            #expect(descriptor.summary.count > 20)
            let stage = try descriptor.makeStage()
            #expect(stage.name == descriptor.name)
            for option in descriptor.options {
                #expect(option.summary.count > 10)
                #expect(option.problem(with: option.defaultValue) == nil, "\(descriptor.name).\(option.name) default is invalid")
            }
        }
        let readme = try Fixtures.text("rules/README.md")
        for name in StageRegistry.names {
            #expect(readme.contains("`\(name)`"), "rules/README.md does not document stage \(name)")
        }
    }
}
