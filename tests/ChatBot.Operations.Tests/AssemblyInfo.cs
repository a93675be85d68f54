// The tests check Unix file modes and Unix domain sockets.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
