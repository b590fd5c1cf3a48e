/// The stages of a pipeline as a rule file declares them, before they are built.
public struct PipelineDeclaration: Sendable {
    public struct StageEntry: Sendable {
        public var name: String
        public var options: StageOptions
        /// Where the stage is turned on, or where its options were last changed
        /// by a file that includes the one turning it on.
        public var location: SourceLocation

        public init(name: String, options: StageOptions, location: SourceLocation) {
            self.name = name
            self.options = options
            self.location = location
        }
    }

    public var stages: [StageEntry]

    public init(stages: [StageEntry]) {
        self.stages = stages
    }

    /// Builds the stages.
    public func makePipeline(name: String = "pipeline") throws -> Pipeline {
        Pipeline(name: name, stages: try stages.map { entry in
            guard let descriptor = StageRegistry.descriptor(named: entry.name) else {
                preconditionFailure("declaration names an unregistered stage")
            }
            do {
                return try descriptor.makeStage(options: entry.options)
            } catch let error as RuleFileError {
                throw error
            } catch {
                throw RuleFileError(file: entry.location.file, location: entry.location,
                                    message: "stage '\(entry.name)' cannot run: \(error)")
            }
        })
    }
}

/// The one list of stages of a pipeline, as its files are read: each file's
/// includes first, then the file's own `stages:` list, item by item: a stage
/// the list already runs (from this file's includes or any file read before)
/// is changed where it runs (the options the item names replace the earlier
/// ones, the others stay), or removed (`STAGE: false`); any other stage is
/// added at the end. A stage removed, or added by the file's own list, is no
/// longer one the list ran before it: naming it again in that file adds it
/// again, at the end.
struct StageListMerge {
    private(set) var stages: [PipelineDeclaration.StageEntry] = []
    /// The stages the list ran before the file being read, still in it, by name.
    private var included: Set<String> = []

    /// Starts a file's own `stages:` list: every stage in the list so far is one it may change.
    mutating func beginFile() {
        included = Set(stages.map(\.name))
    }

    /// Changes every included stage of `entry`'s name, or adds `entry` at the end.
    mutating func add(_ entry: PipelineDeclaration.StageEntry) {
        guard included.contains(entry.name) else {
            stages.append(entry)
            return
        }
        for index in stages.indices where stages[index].name == entry.name {
            let merged = stages[index].options.values.merging(entry.options.values) { _, own in own }
            stages[index].options = StageOptions(specs: entry.options.specs, values: merged)
            stages[index].location = entry.location
        }
    }

    /// Removes every included stage named `name`; false when the includes run none.
    mutating func remove(_ name: String) -> Bool {
        guard included.remove(name) != nil else { return false }
        stages.removeAll { $0.name == name }
        return true
    }
}
