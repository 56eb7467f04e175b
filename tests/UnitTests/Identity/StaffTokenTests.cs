using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Identity;

namespace SupportFunctions.UnitTests.Identity;

/// <summary>Entra tokens through Microsoft.Identity.Web's validation, against a local OpenID metadata server.</summary>
public sealed class StaffTokenTests : IAsyncLifetime
{
    private LocalOpenIdServer _entra = null!;
    private ApiPipeline _pipeline = null!;

    public async Task InitializeAsync()
    {
        _entra = await LocalOpenIdServer.StartAsync();
        _pipeline = PipelineTrusting(_entra.Instance);
    }

    private static ApiPipeline PipelineTrusting(string entraInstance)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureAd:Instance"] = entraInstance,
            ["AzureAd:TenantId"] = LocalOpenIdServer.TenantId,
            ["AzureAd:ClientId"] = LocalOpenIdServer.ClientId,
        }).Build();
        var trust = TokenTrust.ForEntra(EntraSettings.From(configuration)!, new HttpClient(), new SystemClock());
        var sources = new ICallerSource[]
        {
            new OpaqueCustomerSessions(),
            new TokenCallerSource([trust], NullLogger<TokenCallerSource>.Instance),
        };
        return new ApiPipeline(new CallerResolver(sources), new IdempotencyStore(null!, null!, new SystemClock()),
            Options.Create(new ApiOptions()), NullLogger<ApiPipeline>.Instance);
    }

    public async Task DisposeAsync() => await _entra.DisposeAsync();

    [Fact]
    public async Task An_admin_token_from_the_tenant_reaches_an_admin_route_as_that_staff_member()
    {
        var (status, body) = await AsAdminAsync(_entra.Token([StaffCaller.AdminRole]));

        Assert.Equal(200, status);
        Assert.Equal("5a3e2c1d-0000-4000-8000-00000000abcd", body.GetProperty("staffId").GetString());
        Assert.Equal("Ирина Петрова", body.GetProperty("name").GetString());
        Assert.Contains(_entra.Requests, path => path.EndsWith("/v2.0/.well-known/openid-configuration", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var (status, body) = await AsAdminAsync(_entra.Token([StaffCaller.AdminRole], t => t.Audience = "api://some-other-app"));

        Assert.Equal(401, status);
        Assert.Equal("invalid_token", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused_even_when_signed_with_the_right_key()
    {
        var (status, _) = await AsAdminAsync(_entra.Token([StaffCaller.AdminRole],
            t => t.Issuer = $"{_entra.Instance}11111111-2222-3333-4444-555555555555/v2.0"));

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var (status, _) = await AsAdminAsync(_entra.Token([StaffCaller.AdminRole], t =>
        {
            t.IssuedAt = DateTime.UtcNow.AddHours(-3);
            t.Expires = DateTime.UtcNow.AddHours(-2);
        }));

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task A_token_signed_by_a_key_the_tenant_does_not_publish_is_refused()
    {
        var (status, _) = await AsAdminAsync(_entra.Token([StaffCaller.AdminRole],
            t => t.Key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = _entra.Key.KeyId }));

        Assert.Equal(401, status);
    }

    [Fact]
    public async Task A_valid_token_without_the_admin_role_is_forbidden_on_an_admin_route()
    {
        var (agentStatus, agentBody) = await AsAdminAsync(_entra.Token([StaffCaller.AgentRole]));
        var (noRoleStatus, _) = await AsAdminAsync(_entra.Token([]));

        Assert.Equal(403, agentStatus);
        Assert.Equal("forbidden", agentBody.GetProperty("code").GetString());
        Assert.Equal(403, noRoleStatus);
    }

    [Fact]
    public async Task A_customer_session_never_passes_as_staff()
    {
        var (status, body) = await AsAdminAsync(OpaqueCustomerSessions.Token);

        Assert.Equal(403, status);
        Assert.Equal("forbidden", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_partner_app_token_becomes_a_partner_and_is_forbidden_on_staff_routes()
    {
        var token = _entra.Token([PartnerCaller.CertificatesRole], t => t.ClientApp = "partner-app-1");

        var (staffStatus, _) = await AsAdminAsync(token);
        var (partnerStatus, partner) = await RunAsync(token, async call =>
        {
            var caller = await call.RequirePartnerAsync(PartnerCaller.CertificatesRole);
            return ApiResults.Ok(new { caller.PartnerId, caller.ClientId });
        });

        Assert.Equal(403, staffStatus);
        Assert.Equal(200, partnerStatus);
        Assert.Equal("partner-app-1", partner.GetProperty("clientId").GetString());
    }

    [Fact]
    public async Task A_garbled_jwt_is_refused_and_an_opaque_token_is_left_to_other_sources()
    {
        var (garbled, _) = await AsAdminAsync("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        var (opaque, opaqueBody) = await AsAdminAsync("sfc_not-a-session-anyone-knows");

        Assert.Equal(401, garbled);
        Assert.Equal(401, opaque);
        Assert.Equal("unauthenticated", opaqueBody.GetProperty("code").GetString());
    }

    [Fact]
    public async Task When_the_tenant_metadata_cannot_be_fetched_a_good_token_gets_503_with_Retry_After_not_401()
    {
        var token = _entra.Token([StaffCaller.AdminRole]);
        var nothingListens = $"http://127.0.0.1:{FreePort()}/";
        _pipeline = PipelineTrusting(nothingListens);

        var (status, body, retryAfter) = await AsAdminWithRetryAfterAsync(token);

        Assert.Equal(503, status);
        Assert.Equal("identity_provider_unavailable", body.GetProperty("code").GetString());
        Assert.True(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task Once_the_metadata_was_fetched_an_outage_of_the_tenant_does_not_stop_sign_ins()
    {
        var server = await LocalOpenIdServer.StartAsync();
        _pipeline = PipelineTrusting(server.Instance);
        var token = server.Token([StaffCaller.AdminRole]);
        var (before, _) = await AsAdminAsync(token);

        await server.DisposeAsync();
        var (during, _) = await AsAdminAsync(token);

        Assert.Equal(200, before);
        Assert.Equal(200, during);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<(int Status, JsonElement Body, string RetryAfter)> AsAdminWithRetryAfterAsync(string token)
    {
        string retryAfter = "";
        var (status, body) = await RunAsync(token, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AdminRole);
            return ApiResults.Ok(new { staff.StaffId, staff.Name });
        }, response => retryAfter = response.Headers.RetryAfter.ToString());
        return (status, body, retryAfter);
    }

    private Task<(int Status, JsonElement Body)> AsAdminAsync(string token) =>
        RunAsync(token, async call =>
        {
            var staff = await call.RequireStaffAsync(StaffCaller.AdminRole);
            return ApiResults.Ok(new { staff.StaffId, staff.Name });
        });

    private async Task<(int Status, JsonElement Body)> RunAsync(string token, Func<ApiCall, Task<IActionResult>> handler, Action<HttpResponse>? inspect = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Headers.Authorization = $"Bearer {token}";
        context.Response.Body = new MemoryStream();
        var result = await _pipeline.RunAsync(context.Request, handler);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        inspect?.Invoke(context.Response);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonDocument.Parse(context.Response.Body).RootElement.Clone());
    }

    /// <summary>The customer-session source's contract: it knows its own opaque tokens and ignores JWTs.</summary>
    private sealed class OpaqueCustomerSessions : ICallerSource
    {
        public const string Token = "sfc_customer-session-1";

        public Task<Caller?> TryAuthenticateAsync(HttpRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<Caller?>(request.Headers.Authorization.ToString() == $"Bearer {Token}" ? new CustomerCaller("account-1", "session-1") : null);
    }
}
