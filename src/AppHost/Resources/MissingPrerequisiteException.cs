namespace Concordat.AppHost.Resources;

/// <summary>A server the launcher needs is not installed; the message says what to install.</summary>
internal sealed class MissingPrerequisiteException(string message) : Exception(message);
