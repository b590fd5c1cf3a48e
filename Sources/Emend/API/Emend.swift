/// Emend's version.
public let version = "0.1.0"
