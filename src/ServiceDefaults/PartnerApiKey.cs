using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Concordat.ServiceDefaults;

/// <summary>
/// A partner's API key as it travels: <c>cnc_&lt;key id&gt;_&lt;secret&gt;</c>, where the key id is 12 lower-case
/// hex characters (public: it names the key in lists and logs) and the secret is 256 random bits in base64url
/// (43 characters). Every part has a fixed length, so the base64url alphabet's own <c>_</c> and <c>-</c> never
/// make a key ambiguous, and a malformed key is refused without asking anyone.
/// </summary>
public sealed record PartnerApiKey
{
    public const string Prefix = "cnc_";
    public const int KeyIdLength = 12;
    private const int SecretBytes = 32;
    private const int SecretLength = 43;
    public const int Length = 4 + KeyIdLength + 1 + SecretLength;

    private static readonly SearchValues<char> HexAlphabet = SearchValues.Create("0123456789abcdef");
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private PartnerApiKey(string keyId, string value)
    {
        KeyId = keyId;
        Value = value;
    }

    /// <summary>The public part, stored in clear and shown in listings.</summary>
    public string KeyId { get; }

    /// <summary>The whole key: shown once, when issued, and never stored.</summary>
    public string Value { get; }

    /// <summary>A new key from the operating system's CSPRNG.</summary>
    public static PartnerApiKey Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdLength / 2));
        var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes));
        return new PartnerApiKey(keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>Reads a presented key; false for anything not shaped like one.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out PartnerApiKey? key)
    {
        key = null;
        if (value is null || value.Length != Length || !value.StartsWith(Prefix, StringComparison.Ordinal) || value[Prefix.Length + KeyIdLength] != '_')
        {
            return false;
        }

        var keyId = value.AsSpan(Prefix.Length, KeyIdLength);
        var secret = value.AsSpan(Prefix.Length + KeyIdLength + 1);
        if (keyId.ContainsAnyExcept(HexAlphabet) || secret.ContainsAnyExcept(Base64UrlAlphabet))
        {
            return false;
        }

        key = new PartnerApiKey(keyId.ToString(), value);
        return true;
    }

    /// <summary>
    /// SHA-256 of the whole key: what the registry stores and compares. A fast hash is right here, unlike for
    /// passwords: the secret is 256 bits from a CSPRNG, so there is nothing to guess that a slow hash would protect.
    /// </summary>
    public byte[] Hash() => SHA256.HashData(Encoding.UTF8.GetBytes(Value));

    /// <summary>Never the secret: a key written to a log by mistake shows only its id.</summary>
    public override string ToString() => $"{Prefix}{KeyId}_…";

}
