using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions;
using SupportFunctions.Functions.Identity;

namespace SupportFunctions.UnitTests.Identity;

public sealed class DevIdentityTests
{
    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID", "8f1e0c")]
    [InlineData("WEBSITE_SITE_NAME", "supportfunctions-prod")]
    public void The_app_refuses_to_start_with_the_dev_identity_on_azure(string marker, string value)
    {
        var configuration = Settings(("DevIdentity:Enabled", "true"), ("AZURE_FUNCTIONS_ENVIRONMENT", "Development"), (marker, value));

        var refused = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSupportFunctions(configuration));

        Assert.Contains(marker, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void The_app_refuses_to_start_with_the_dev_identity_outside_development(string? environment)
    {
        var configuration = Settings(("DevIdentity:Enabled", "true"), ("AZURE_FUNCTIONS_ENVIRONMENT", environment));

        Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddSupportFunctions(configuration));
    }

    [Fact]
    public void The_app_starts_with_the_dev_identity_locally_and_without_it_anywhere()
    {
        new ServiceCollection().AddSupportFunctions(Settings(("DevIdentity:Enabled", "true"), ("AZURE_FUNCTIONS_ENVIRONMENT", "Development")));
        new ServiceCollection().AddSupportFunctions(Settings(("WEBSITE_SITE_NAME", "supportfunctions-prod"), ("AZURE_FUNCTIONS_ENVIRONMENT", "Production")));
    }

    [Fact]
    public async Task A_dev_token_passes_the_dev_trust_and_a_token_from_another_dev_identity_does_not()
    {
        var configuration = Settings();
        var clock = new SystemClock();
        var identity = new DevIdentity(configuration, clock);
        var stranger = new DevIdentity(configuration, clock);
        var request = new DevTokenRequest("staff-1", "Admin", "admin@vendor.example", [StaffCaller.AdminRole], null);

        var claims = await identity.Trust().ValidateAsync(identity.IssueToken(request));

        Assert.Equal("staff-1", claims.FindFirst("oid")?.Value);
        Assert.Contains(claims.FindAll("roles"), c => c.Value == StaffCaller.AdminRole);
        await Assert.ThrowsAnyAsync<Exception>(() => identity.Trust().ValidateAsync(stranger.IssueToken(request)));
    }

    private static IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
