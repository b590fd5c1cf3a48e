// The scratch folder and the quick/full switch, shared with the CLI tests.
@_exported import EmendTestSupport
