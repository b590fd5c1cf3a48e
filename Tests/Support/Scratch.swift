import Foundation

/// Where tests write their files: one folder per test process under the
/// system's temporary directory, removed when the process exits, so a run
/// leaves nothing behind (a test still removes what it made as it goes).
public enum Scratch {
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("emend-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.root) }
        return url
    }()
}
