namespace Concordat.Audit;

/// <summary>
/// On a property: its values are never written to the audit trail (large or secret); a change to it is noted as
/// redacted. On an entity class: its changes are not audited at all.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, Inherited = true)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>
/// On a nullable property of a record removed by marking it (a tombstone, e.g. <c>RemovedAt</c>): the change that
/// sets it is audited as <c>removed</c> rather than <c>changed</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class MarksRemovalAttribute : Attribute;
