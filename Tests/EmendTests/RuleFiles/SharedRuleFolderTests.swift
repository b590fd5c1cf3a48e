import Emend
import Foundation
import Testing

/// A pipeline reaches a folder outside its own directory only when the caller
/// names that folder (`sharedDirectories`, the command line's `--rules-dir`);
/// links and `..` still cannot leave the folders allowed.
@Suite struct SharedRuleFolderTests {
    /// A series: `series/volume-1/x.yaml`, `series/shared-rules/`, and `series/private/`.
    private func series(_ pipeline: String) throws -> (series: String, pipeline: String, shared: String) {
        let series = Scratch.root.appendingPathComponent("emend-series-\(UUID().uuidString)").path
        let files = [
            "volume-1/x.yaml": pipeline,
            "shared-rules/x.yaml": "include: [names.yaml]\nstages:\n  - garbles: {rules-file: garbles.yaml}\n",
            "shared-rules/names.yaml": "stages: [whitespace]\n",
            "shared-rules/garbles.yaml": "replacements:\n  - {find: Yezbov, replace: Yezhov}\n",
            "private/secret.yaml": "stages: [normalize]\n",
        ]
        for (name, text) in files {
            let file = (series as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
        // A link inside the shared folder that points out of it.
        try FileManager.default.createSymbolicLink(atPath: "\(series)/shared-rules/escape", withDestinationPath: "\(series)/private")
        return (series, "\(series)/volume-1/x.yaml", "\(series)/shared-rules")
    }

    private func firstLine(_ body: () throws -> PipelineDeclaration, removing prefix: String) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as RuleFileError {
            return error.description.replacingOccurrences(of: prefix, with: "").split(separator: "\n").first.map(String.init)
        } catch {
            return "\(error)"
        }
    }

    @Test func aSharedFolderIsReachableOnlyWhenNamed() throws {
        let files = try series("include: [../shared-rules/x.yaml]\n")
        let refused = firstLine({ try PipelineLoader().load(path: files.pipeline) }, removing: files.series + "/")
        #expect(refused == "volume-1/x.yaml:1:11: error: include names '../shared-rules/x.yaml', outside the pipeline's directory; a pipeline names only files under its own directory")
        let declaration = try PipelineLoader().load(path: files.pipeline, sharedDirectories: [files.shared])
        #expect(declaration.stages.map(\.name) == ["whitespace", "garbles"])
        #expect(try declaration.makePipeline().apply(to: "Yezbov  wrote \n") == "Yezhov wrote\n")
    }

    @Test func theRefusalSaysHowToAllowAFolder() throws {
        let files = try series("stages:\n  - garbles: {rules-file: ../shared-rules/garbles.yaml}\n")
        do {
            _ = try PipelineLoader().load(path: files.pipeline)
            Issue.record("loaded without error")
        } catch let error as RuleFileError {
            #expect(error.notes == ["a folder of rule files shared by several pipelines is allowed only from the command line: --rules-dir DIR"])
        }
        let declaration = try PipelineLoader().load(path: files.pipeline, sharedDirectories: [files.shared])
        #expect(declaration.stages.first?.options.path("rules-file") == "\(files.series)/volume-1/../shared-rules/garbles.yaml")
    }

    /// Naming a shared folder widens nothing else: a link inside it, `..` out of
    /// it, an absolute path, and a control character are refused as before.
    @Test(arguments: [
        ("include: [../shared-rules/escape/secret.yaml]\n",
         "volume-1/x.yaml:1:11: error: include names '../shared-rules/escape/secret.yaml', outside the pipeline's directory and the shared rule folders; a pipeline names only files under its own directory or a folder given with --rules-dir"),
        ("include: [../shared-rules/../private/secret.yaml]\n",
         "volume-1/x.yaml:1:11: error: include names '../shared-rules/../private/secret.yaml', outside the pipeline's directory and the shared rule folders; a pipeline names only files under its own directory or a folder given with --rules-dir"),
        ("stages:\n  - garbles: {vocab: ../shared-rules/escape/secret.yaml}\n",
         "volume-1/x.yaml:2:22: error: option 'vocab' names '../shared-rules/escape/secret.yaml', outside the pipeline's directory and the shared rule folders; a pipeline names only files under its own directory or a folder given with --rules-dir"),
        ("include: [SHARED/x.yaml]\n",
         "volume-1/x.yaml:1:11: error: include names 'SHARED/x.yaml', an absolute path; a pipeline names files by paths relative to its own directory"),
        ("include: [\"../shared-rules/x.yaml\\0../private/secret.yaml\"]\n",
         "volume-1/x.yaml:1:11: error: include names \"../shared-rules/x.yaml\\0../private/secret.yaml\", a path with a control character; a pipeline names files by plain relative paths"),
    ])
    func escapesFromASharedFolderAreRefused(pipeline: String, expected: String) throws {
        let probe = try series("stages: []\n")
        let files = try series(pipeline.replacingOccurrences(of: "SHARED", with: probe.shared))
        let message = firstLine({ try PipelineLoader().load(path: files.pipeline, sharedDirectories: [files.shared]) },
                                removing: files.series + "/")
        #expect(message == expected.replacingOccurrences(of: "SHARED", with: probe.shared))
    }

    /// A rule file in the shared folder cannot reach the pipeline's own
    /// neighbours' parents either: both folders confine every file of the pipeline.
    @Test func aSharedRuleFileIsConfinedLikeAnyOther() throws {
        let files = try series("include: [../shared-rules/y.yaml]\n")
        try "include: [../private/secret.yaml]\n".write(toFile: "\(files.shared)/y.yaml", atomically: true, encoding: .utf8)
        let message = firstLine({ try PipelineLoader().load(path: files.pipeline, sharedDirectories: [files.shared]) },
                                removing: files.series + "/")
        #expect(message == "volume-1/../shared-rules/y.yaml:1:11: error: include names '../private/secret.yaml', outside the pipeline's directory and the shared rule folders; a pipeline names only files under its own directory or a folder given with --rules-dir")
    }
}
