import Foundation

/// Which repairs of a list (`GarbleRepair.lineRepairs`, `roundRepairs`) may
/// change a line, from the line features one scan of its byte pairs found
/// (`GarbleLine.features(by:)`), and the run of those repairs over the line.
/// A repair is left out only where its `neededFeatures` says its trigger is
/// false: most lines hold none of the features, and have only the triggers
/// that read more than the pairs asked. Made for one document's context (a
/// repair's needed features may depend on what the document shows).
/// Never decides a repair: each repair's own trigger does, on the lines let
/// through; never changes the order the repairs run in.
struct LineRepairSieve {
    /// The repairs, in the order they run (bit `i` of a set: `repairs[i]`).
    let repairs: [any GarbleLineRepair.Type]
    /// The repairs asked of every line.
    private let everyLine: UInt32
    /// For each feature bit, the repairs that need it.
    private let byFeature: [UInt32]

    /// At most 32 repairs.
    init(_ repairs: [any GarbleLineRepair.Type], in context: GarbleRepair.Context) {
        precondition(repairs.count <= 32, "a sieve holds 32 repairs at most")
        var everyLine: UInt32 = 0
        var byFeature = [UInt32](repeating: 0, count: UInt16.bitWidth)
        for (index, repair) in repairs.enumerated() {
            guard let needed = repair.neededFeatures(in: context) else { everyLine |= 1 << index; continue }
            for bit in 0..<UInt16.bitWidth where needed & (1 << bit) != 0 { byFeature[bit] |= 1 << index }
        }
        self.repairs = repairs
        self.everyLine = everyLine
        self.byFeature = byFeature
    }

    /// The repairs (bit `i`: `repairs[i]`) whose trigger may fire on a line holding `features`.
    @inline(__always)
    func candidates(_ features: UInt16) -> UInt32 {
        var found = everyLine, rest = features
        while rest != 0 {
            found |= byFeature[rest.trailingZeroBitCount]
            rest &= rest - 1
        }
        return found
    }

    /// Runs, in order, each repair whose trigger fires on the line (every
    /// repair when `takesEveryStep`), asking only the triggers the line's
    /// features let through, as the line stands after the repairs before.
    /// Returns the line's text before the first repair that ran; nil when none ran.
    func run(on line: inout GarbleLine, in context: GarbleRepair.Context, takesEveryStep: Bool,
             record: GarbleRecorder) throws -> [UInt8]? {
        let all: UInt32 = repairs.count == 32 ? ~0 : (1 << repairs.count) - 1
        var textBefore: [UInt8]?
        var left = takesEveryStep ? all : candidates(line.features(by: context.rules.lineFeatures))
        while left != 0 {
            let index = left.trailingZeroBitCount
            left &= left - 1
            let repair = repairs[index]
            guard takesEveryStep || repair.mayApply(to: &line, in: context) else { continue }
            if textBefore == nil { textBefore = line.text }
            try repair.repair(&line, in: context, record: record)
            // The repairs after it are sieved by the line as this one left it.
            if !takesEveryStep { left = candidates(line.features(by: context.rules.lineFeatures)) & (~0 << (index + 1)) }
        }
        return textBefore
    }
}
