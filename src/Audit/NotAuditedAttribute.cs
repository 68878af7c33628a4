namespace Concordat.Audit;

/// <summary>
/// On a property: its values are never written to the audit trail (large or secret); a change to it is noted as
/// redacted. On an entity class: its changes are not audited at all.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, Inherited = true)]
public sealed class NotAuditedAttribute : Attribute;
