using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SupportFunctions.UnitTests.Infra;

/// <summary>The security settings of what `azd up` provisions, read from the compiled template.</summary>
public sealed partial class TemplateSecurityTests
{
    // Built-in roles that would let the app's identity do far more than its work: Owner, Contributor,
    // User Access Administrator, Role Based Access Control Administrator.
    private static readonly string[] BroadRoles =
    [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        "b24988ac-6180-42a0-ab88-20f7382dd24c",
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    ];

    [Fact]
    public void The_storage_account_takes_no_shared_keys_no_anonymous_blob_reads_and_only_tls_1_2_over_https()
    {
        var account = CompiledTemplate.OneOf("Microsoft.Storage/storageAccounts").Properties!;

        Assert.False(account["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(account["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", account["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(account["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        var containers = CompiledTemplate.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", c.Properties!["publicAccess"]!.GetValue<string>()));
    }

    [Fact]
    public void The_function_app_answers_https_only_with_tls_1_2_and_no_ftp_or_basic_publishing()
    {
        var site = CompiledTemplate.OneOf("Microsoft.Web/sites").Properties!;

        Assert.True(site["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", site["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", site["siteConfig"]!["ftpsState"]!.GetValue<string>());
        var publishing = CompiledTemplate.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["'ftp'", "'scm'"], publishing.Select(p => LastNameSegment(p.Name)).Order(StringComparer.Ordinal));
        Assert.All(publishing, p => Assert.False(p.Properties!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void The_function_app_reaches_storage_with_its_managed_identity()
    {
        var site = CompiledTemplate.OneOf("Microsoft.Web/sites");
        var settings = CompiledTemplate.AppSettings;

        Assert.Equal("SystemAssigned", site.Resource["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.True(settings.ContainsKey("AzureWebJobsStorage__accountName"));
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage would be a connection string with the account key");
        Assert.Equal("SystemAssignedIdentity",
            site.Properties!["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Application_insights_takes_no_instrumentation_key_and_the_app_sends_with_entra()
    {
        var insights = CompiledTemplate.OneOf("Microsoft.Insights/components").Properties!;

        Assert.True(insights["DisableLocalAuth"]!.GetValue<bool>());
        Assert.Equal("Authorization=AAD", CompiledTemplate.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void No_role_assignment_grants_owner_contributor_or_the_right_to_assign_roles()
    {
        var assignments = CompiledTemplate.OfType("Microsoft.Authorization/roleAssignments").ToList();
        Assert.NotEmpty(assignments);

        foreach (var assignment in assignments)
        {
            var role = RoleOf(assignment);
            Assert.False(BroadRoles.Contains(role, StringComparer.OrdinalIgnoreCase), $"{assignment.Name} assigns the broad built-in role {role}");
            Assert.Equal("ServicePrincipal", assignment.Properties!["principalType"]!.GetValue<string>());
        }
    }

    [Fact]
    public void Custom_roles_allow_named_actions_only_and_none_on_authorization()
    {
        var definitions = CompiledTemplate.OfType("Microsoft.Authorization/roleDefinitions").ToList();
        Assert.NotEmpty(definitions);

        foreach (var definition in definitions)
        {
            var actions = definition.Properties!["permissions"]!.AsArray()
                .SelectMany(p => p!["actions"]!.AsArray().Concat(p["dataActions"]?.AsArray() ?? []))
                .Select(a => a!.GetValue<string>()).ToList();
            Assert.NotEmpty(actions);
            Assert.All(actions, a => Assert.DoesNotContain("*", a, StringComparison.Ordinal));
            Assert.All(actions, a => Assert.False(a.StartsWith("Microsoft.Authorization/", StringComparison.OrdinalIgnoreCase), a));
            Assert.Equal("[resourceGroup().id]", Assert.Single(definition.Properties["assignableScopes"]!.AsArray())!.GetValue<string>());
        }
    }

    [Fact]
    public void No_app_setting_holds_a_secret()
    {
        var secureParameters = CompiledTemplate.Parameters
            .Where(p => p.Value!["type"]!.GetValue<string>().StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(p => p.Key).ToList();
        Assert.Empty(secureParameters);

        foreach (var (name, value) in CompiledTemplate.AppSettings)
        {
            Assert.False(SecretName().IsMatch(name), $"app setting {name} is named like a secret");
            Assert.False(SecretValue().IsMatch(value), $"app setting {name} = {value} reads a key, a connection string or a SAS");
        }
        // The one connection string left only says where telemetry goes: Application Insights refuses its key (local auth off).
        Assert.Equal("[reference('monitoring').outputs.applicationInsightsConnectionString.value]", CompiledTemplate.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.True(CompiledTemplate.OneOf("Microsoft.Insights/components").Properties!["DisableLocalAuth"]!.GetValue<bool>());
    }

    private static string RoleOf(TemplateResource assignment)
    {
        var expression = assignment.Properties!["roleDefinitionId"]!.GetValue<string>();
        if (RoleVariable().Match(expression) is { Success: true } builtIn)
        {
            return assignment.Template["variables"]![builtIn.Groups[1].Value]![builtIn.Groups[2].Value]!.GetValue<string>();
        }
        if (expression.Contains("Microsoft.Authorization/roleDefinitions', guid(", StringComparison.Ordinal))
        {
            return "custom";
        }
        throw new InvalidOperationException($"Cannot tell which role {assignment.Name} assigns: {expression}");
    }

    private static string LastNameSegment(string name) => name[(name.LastIndexOf(", ", StringComparison.Ordinal) + 2)..^2];

    [GeneratedRegex(@"(Key|Password|Secret|Token|Sas)$|^AzureWebJobsStorage$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"list(Keys|Secrets|ConnectionStrings|AccountSas|ServiceSas)\(|AccountKey=|SharedAccessSignature|InstrumentationKey=", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();

    [GeneratedRegex(@"variables\('(\w+)'\)\.(\w+)\)\]$")]
    private static partial Regex RoleVariable();
}
