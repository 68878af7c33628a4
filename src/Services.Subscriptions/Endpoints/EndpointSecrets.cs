using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Concordat.Subscriptions.Endpoints;

/// <summary>
/// Signing secrets: made from the operating system's CSPRNG as Standard Webhooks writes them (<c>whsec_</c> and 32
/// bytes in base64), kept encrypted by Data Protection (its key ring in the service's database), shown once.
/// </summary>
public sealed class EndpointSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";

    private readonly IDataProtector _protector = protection.CreateProtector("Concordat.Subscriptions.EndpointSecrets.v1");

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
