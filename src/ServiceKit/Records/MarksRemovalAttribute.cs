namespace Concordat.ServiceKit;

/// <summary>
/// On a nullable property of a record removed by marking it (a tombstone, e.g. <c>RemovedAt</c>): the change that
/// sets it is audited as <c>removed</c> rather than <c>changed</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class MarksRemovalAttribute : Attribute;
