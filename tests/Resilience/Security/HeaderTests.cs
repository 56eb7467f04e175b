using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Resilience.Security;

/// <summary>The headers of the web pages and of the API, as the local stack serves them and as the Static Web App is configured.</summary>
[Collection(SecurityCollection.Name)]
public sealed partial class HeaderTests(SecurityStack fixture)
{
    private readonly LocalStack _stack = fixture.Stack;

    [Theory]
    [InlineData("/")]
    [InlineData("/tickets/new")]
    [InlineData("/desk")]
    [InlineData("/favicon.svg")]
    public async Task Pages_carry_a_policy_without_inline_script_that_forbids_framing_and_no_server_banner(string path)
    {
        using var page = await _stack.Client.GetAsync(path);
        var policy = Header(page, "Content-Security-Policy");
        var scripts = Directive(policy, "script-src");

        Assert.Equal(200, (int)page.StatusCode);
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scripts, StringComparison.Ordinal);
        Assert.Equal("frame-ancestors 'none'", $"frame-ancestors {Directive(policy, "frame-ancestors")}");
        Assert.Equal("DENY", Header(page, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(page, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(page, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(page, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("Server"));
        Assert.False(page.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP would pin localhost to https");
    }

    [Fact]
    public async Task The_local_page_policy_is_the_static_web_apps_own_less_only_what_needs_https()
    {
        var configured = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Paths.RepoRoot, "src", "Web", "public", "staticwebapp.config.json")))!["globalHeaders"]!;
        using var page = await _stack.Client.GetAsync("/");
        var served = Header(page, "Content-Security-Policy");

        foreach (var directive in ((string)configured["Content-Security-Policy"]!).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (directive != "upgrade-insecure-requests")
            {
                Assert.Contains(directive, served, StringComparison.Ordinal);
            }
        }
        foreach (var name in new[] { "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy" })
        {
            Assert.Equal((string)configured[name]!, Header(page, name));
        }
        Assert.Equal("max-age=31536000; includeSubDomains", (string)configured["Strict-Transport-Security"]!);
    }

    [Fact]
    public async Task The_built_page_has_no_inline_script_or_style_for_the_policy_to_block()
    {
        var html = await File.ReadAllTextAsync(Path.Combine(Paths.RepoRoot, "src", "Web", "dist", "index.html"));

        Assert.All(ScriptTag().Matches(html), tag => Assert.Contains(" src=", tag.Value, StringComparison.Ordinal));
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }

    [Theory]
    [InlineData("/api/products", false)]
    [InlineData("/api/health", false)]
    [InlineData("/api/tickets/not-a-number", true)]
    [InlineData("/api/no-such-route", false)]
    [InlineData("/api/tickets", false)]
    public async Task Api_answers_carry_the_api_policy_and_errors_are_never_stored(string path, bool signedIn)
    {
        var cast = await fixture.SharedCastAsync();
        using var client = new HttpClient { BaseAddress = _stack.BaseUri };
        if (signedIn)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cast.TokenOf(Identity.CustomerA));
        }

        using var answer = await client.GetAsync(path);

        Assert.Equal("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'", Header(answer, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(answer, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(answer, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(answer, "Referrer-Policy"));
        Assert.False(answer.Headers.Contains("Server"));
        if (signedIn || (int)answer.StatusCode >= 400)
        {
            Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Every_answer_to_a_signed_in_caller_is_no_store()
    {
        var cast = await fixture.SharedCastAsync();
        using var client = new HttpClient { BaseAddress = _stack.BaseUri };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cast.TokenOf(Identity.CustomerA));

        foreach (var path in new[] { "/api/me", "/api/tickets", $"/api/tickets/{cast.TicketOfA}", "/api/me/certificates", "/api/products", "/api/kb/articles", "/api/openapi.json" })
        {
            using var answer = await client.GetAsync(path);
            Assert.True(answer.Headers.CacheControl?.NoStore == true, $"{path}: {(int)answer.StatusCode} Cache-Control: {answer.Headers.CacheControl}");
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} has no {name} header");

    private static string Directive(string policy, string name) =>
        policy.Split(';', StringSplitOptions.TrimEntries).FirstOrDefault(d => d.StartsWith(name + " ", StringComparison.Ordinal))?[(name.Length + 1)..]
        ?? throw new Xunit.Sdk.XunitException($"no {name} in {policy}");

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
