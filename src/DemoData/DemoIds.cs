using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Concordat.DemoData;

/// <summary>
/// Fixed ids for the demo records: name-based UUIDs, version 5 (RFC 9562 §5.5, SHA-1 of the URL namespace and a
/// name such as <c>https://concordat.org/demo-data/gloucestershire-conference/bodies/gsp</c>). A record gets the
/// same id on every load and on every instance, so a second load finds what the first wrote. They are the one
/// exception to "ids are UUID v7": their version nibble (5, where the registry's own are 7) says they were derived
/// from a name, and no id the registry generates can equal one. A row's key is part of its id: never rename a key.
/// Shared so that what is built on the registry's demo (the cycle's Appendix 1 examples) names the same records.
/// </summary>
public static class DemoIds
{
    public const string NameBase = "https://concordat.org/demo-data/gloucestershire-conference/";

    /// <summary>RFC 9562's namespace for names that are URLs.</summary>
    public static readonly Guid UrlNamespace = new("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    /// <summary>The sign-in subject (the token's <c>sub</c>) of the demo person keyed <paramref name="personKey"/>.</summary>
    public static string Subject(string personKey) => "demo-" + personKey;

    /// <summary>The id of the demo record keyed <paramref name="key"/> in <paramref name="table"/> (<c>bodies</c>, <c>gsp</c>).</summary>
    public static Guid For(string table, string key) => NameBased(UrlNamespace, $"{NameBase}{table}/{key}");

    /// <summary>A version 5 UUID: the same namespace and name always give the same id.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 9562 prescribes SHA-1 for version 5 UUIDs; the hash names a record and protects nothing.")]
    public static Guid NameBased(Guid namespaceId, string name)
    {
        var input = new byte[16 + Encoding.UTF8.GetByteCount(name)];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input.AsSpan(16));
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
