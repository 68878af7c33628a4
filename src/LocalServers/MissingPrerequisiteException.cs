namespace Concordat.LocalServers;

/// <summary>A server the app host or the test runner needs is not installed; the message says what to install.</summary>
public sealed class MissingPrerequisiteException(string message) : Exception(message);
