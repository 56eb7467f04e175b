using System.Text.Json.Nodes;

namespace SupportFunctions.UnitTests.Infra;

/// <summary>src/Web/public/staticwebapp.config.json, which Vite copies into the build the Static Web App serves.</summary>
public sealed class StaticWebAppConfigTests
{
    private static readonly JsonObject Config = JsonNode.Parse(
        File.ReadAllText(Path.Combine(CompiledTemplate.RepoRoot, "src", "Web", "public", "staticwebapp.config.json")))!.AsObject();

    [Fact]
    public void The_spa_s_own_addresses_fall_back_to_index_html_but_the_api_and_files_never_do()
    {
        var fallback = Config["navigationFallback"]!;
        var excluded = fallback["exclude"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

        Assert.Equal("/index.html", fallback["rewrite"]!.GetValue<string>());
        Assert.Contains("/api/*", excluded);
        Assert.Contains("/assets/*", excluded);
        Assert.DoesNotContain(excluded, e => e.StartsWith("/desk", StringComparison.Ordinal) || e.StartsWith("/tickets", StringComparison.Ordinal));
    }

    [Fact]
    public void Api_answers_are_never_cached_and_hashed_assets_are_cached_for_good()
    {
        Assert.Equal("no-store", Route("/api/*")["headers"]!["Cache-Control"]!.GetValue<string>());
        Assert.Contains("immutable", Route("/assets/*")["headers"]!["Cache-Control"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("no-cache", Route("/index.html")["headers"]!["Cache-Control"]!.GetValue<string>());
    }

    [Fact]
    public void The_static_web_app_s_own_sign_in_providers_are_switched_off()
    {
        // The app signs customers in itself and staff with MSAL; a second, platform sign-in would be unmanaged.
        Assert.Equal(404, Route("/.auth/login/aad")["statusCode"]!.GetValue<int>());
        Assert.Equal(404, Route("/.auth/login/github")["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public void The_api_is_the_function_app_linked_as_the_static_web_app_s_backend()
    {
        var backend = CompiledTemplate.OneOf("Microsoft.Web/staticSites/linkedBackends");

        Assert.Contains("'api'", backend.Name, StringComparison.Ordinal);
        Assert.Contains("functionAppId", backend.Properties!["backendResourceId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Standard", CompiledTemplate.OneOf("Microsoft.Web/staticSites").Resource["sku"]!["name"]!.GetValue<string>());
    }

    private static JsonNode Route(string route) =>
        Assert.Single(Config["routes"]!.AsArray(), r => r!["route"]!.GetValue<string>() == route)!;
}
