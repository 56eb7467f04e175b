using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SupportFunctions.UnitTests.Identity;

/// <summary>
/// A stand-in for Entra ID's public endpoints on 127.0.0.1: the tenant's OpenID metadata and its signing keys,
/// shaped as login.microsoftonline.com serves them. It signs tokens with its private key, like Entra would.
/// </summary>
public sealed class LocalOpenIdServer : IAsyncDisposable
{
    public const string TenantId = "7d1f6c3a-2b1e-4c58-9a2f-0c6f6a1d2e11";
    public const string ClientId = "0b6f0e51-7c2d-4a8e-9f3e-5d1c2b3a4f60";
    private readonly WebApplication _app;

    private LocalOpenIdServer(WebApplication app, string instance, RsaSecurityKey key)
    {
        _app = app;
        Instance = instance;
        Key = key;
    }

    public string Instance { get; }
    public string Issuer => $"{Instance}{TenantId}/v2.0";
    public RsaSecurityKey Key { get; }
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<LocalOpenIdServer> StartAsync()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "local-key-1" };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        LocalOpenIdServer? server = null;
        app.Run(async context =>
        {
            server!.Requests.Enqueue(context.Request.Path);
            var baseUrl = $"{context.Request.Scheme}://{context.Request.Host}/";
            var path = context.Request.Path.Value ?? "";
            if (path == $"/{TenantId}/v2.0/.well-known/openid-configuration")
            {
                await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
                {
                    ["issuer"] = $"{baseUrl}{TenantId}/v2.0",
                    ["jwks_uri"] = $"{baseUrl}{TenantId}/discovery/v2.0/keys",
                    ["token_endpoint"] = $"{baseUrl}{TenantId}/oauth2/v2.0/token",
                    ["authorization_endpoint"] = $"{baseUrl}{TenantId}/oauth2/v2.0/authorize",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                });
                return;
            }
            if (path == $"/{TenantId}/discovery/v2.0/keys")
            {
                var parameters = key.Rsa.ExportParameters(false);
                await context.Response.WriteAsJsonAsync(new
                {
                    keys = new[]
                    {
                        new
                        {
                            kty = "RSA", use = "sig", kid = key.KeyId,
                            n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent),
                            issuer = $"{baseUrl}{TenantId}/v2.0",
                        },
                    },
                });
                return;
            }
            context.Response.StatusCode = (int)HttpStatusCode.NotFound;
        });
        await app.StartAsync();
        var address = app.Urls.First();
        server = new LocalOpenIdServer(app, address.TrimEnd('/') + "/", key);
        return server;
    }

    /// <summary>An access token as Entra issues it for the app; <paramref name="change"/> spoils one part of it.</summary>
    public string Token(IEnumerable<string> roles, Action<TokenShape>? change = null)
    {
        var shape = new TokenShape
        {
            Issuer = Issuer,
            Audience = ClientId,
            Roles = roles.ToArray(),
            IssuedAt = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddHours(1),
            Key = Key,
        };
        change?.Invoke(shape);
        var claims = new Dictionary<string, object>
        {
            ["oid"] = shape.ObjectId,
            ["sub"] = shape.ObjectId,
            ["tid"] = TenantId,
            ["azp"] = shape.ClientApp,
            ["ver"] = "2.0",
            ["name"] = "Ирина Петрова",
            ["preferred_username"] = "irina@vendor.example",
            ["roles"] = shape.Roles,
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = shape.Issuer,
            Audience = shape.Audience,
            IssuedAt = shape.IssuedAt,
            NotBefore = shape.IssuedAt,
            Expires = shape.Expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(shape.Key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed class TokenShape
{
    public required string Issuer { get; set; }
    public required string Audience { get; set; }
    public required string[] Roles { get; set; }
    public required DateTime IssuedAt { get; set; }
    public required DateTime Expires { get; set; }
    public required SecurityKey Key { get; set; }
    public string ObjectId { get; set; } = "5a3e2c1d-0000-4000-8000-00000000abcd";
    public string ClientApp { get; set; } = "desk-spa";
}
