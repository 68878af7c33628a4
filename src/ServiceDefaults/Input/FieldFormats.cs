using System.ComponentModel.DataAnnotations;

namespace Concordat.ServiceDefaults.Input;

/// <summary>
/// The one rule for each formatted text field, used by the API's request validation (<see cref="EmailAttribute"/>,
/// <see cref="WebAddressAttribute"/>) and by the import, so a value one accepts the other accepts too and every export
/// imports again.
/// </summary>
public static class FieldFormats
{
    /// <summary>The longest web address kept.</summary>
    public const int WebAddressMaxLength = 2000;

    /// <summary>An e-mail address: one <c>@</c> with text either side, and no white space or control character.</summary>
    public static bool IsEmail(string value) =>
        value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < value.Length - 1
        && value.IndexOf('@', at + 1) < 0
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>An absolute http or https address of at most <see cref="WebAddressMaxLength"/> characters.</summary>
    public static bool IsWebAddress(string value) =>
        value.Length <= WebAddressMaxLength
        && Uri.TryCreate(value, UriKind.Absolute, out var address)
        && (address.Scheme == Uri.UriSchemeHttps || address.Scheme == Uri.UriSchemeHttp)
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}

/// <summary>The field, if given, is an e-mail address by <see cref="FieldFormats.IsEmail"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class EmailAttribute : DataTypeAttribute
{
    public EmailAttribute()
        : base(DataType.EmailAddress) => ErrorMessage = "Not an e-mail address: one @ with text either side, and no spaces.";

    public override bool IsValid(object? value) => value is null || (value is string text && FieldFormats.IsEmail(text));
}

/// <summary>The field, if given, is an http or https address by <see cref="FieldFormats.IsWebAddress"/>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class WebAddressAttribute : DataTypeAttribute
{
    public WebAddressAttribute()
        : base(DataType.Url) => ErrorMessage = "Not an http or https address.";

    public override bool IsValid(object? value) => value is null || (value is string text && FieldFormats.IsWebAddress(text));
}
