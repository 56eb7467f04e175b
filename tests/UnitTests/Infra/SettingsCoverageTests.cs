using System.Text.RegularExpressions;

namespace SupportFunctions.UnitTests.Infra;

/// <summary>
/// What the code reads (<see cref="ConfigurationReads"/>), what `azd up` sets (the compiled template's app settings) and
/// what a developer copies (local.settings.sample.json) name the same settings, so nothing is set by hand after a deployment.
/// </summary>
public sealed partial class SettingsCoverageTests
{
    /// <summary>Read by the code but deliberately not set in Azure, each for a reason docs/SETTINGS.md gives.</summary>
    private static readonly Dictionary<string, string> NotSetInAzure = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage"] = "a connection string holds the account key; Azure uses __accountName + the managed identity",
        ["AzureWebJobsStorage__clientId"] = "only for a user-assigned identity; the app has a system-assigned one",
        ["AzureWebJobsStorage__tableServiceUri"] = "explicit endpoints; in Azure they follow from __accountName",
        ["AzureWebJobsStorage__blobServiceUri"] = "explicit endpoints; in Azure they follow from __accountName",
        ["AzureWebJobsStorage__queueServiceUri"] = "explicit endpoints; in Azure they follow from __accountName",
        ["Mail__Smtp__Host"] = "SMTP is the local sender; Azure sends with Communication Services (Mail__Sender=acs)",
        ["Mail__Smtp__Port"] = "SMTP is the local sender",
        ["Mail__Smtp__From"] = "SMTP is the local sender",
        ["Mail__Smtp__Security"] = "SMTP is the local sender",
        ["Mail__Smtp__UserName"] = "SMTP is the local sender",
        ["Mail__Smtp__Password"] = "SMTP is the local sender, and a password is a secret",
        ["Mail__Acs__AccessKey"] = "a secret; Azure sends with the managed identity",
        ["Mail__Acs__ManagedIdentityClientId"] = "only for a user-assigned identity",
        ["Tickets__UploadCorsOrigins"] = "the template sets the blob service's CORS itself",
        ["BusinessCalendar__Years"] = "optional extra calendar years; the shipped calendars need none",
        ["Desk__AnnouncementQueue"] = "tests only: announcing into the poison queue stands for a dispatch that kept failing",
    };

    /// <summary>Read by the code but not listed in the sample: nothing a developer sets.</summary>
    private static readonly Dictionary<string, string> NotInTheSample = new(StringComparer.OrdinalIgnoreCase)
    {
        ["BusinessCalendar__Years"] = "a whole calendar year per entry; docs/SETTINGS.md shows its shape",
        ["Desk__AnnouncementQueue"] = "tests only",
    };

    /// <summary>Set by the template for the Functions host, not read by the app's code.</summary>
    private static readonly string[] ReadByTheHost = ["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

    /// <summary>In the sample for the local Functions host (Flex Consumption sets the runtime in functionAppConfig).</summary>
    private static readonly string[] LocalHostOnly = ["FUNCTIONS_WORKER_RUNTIME"];

    [Fact]
    public void The_code_is_found_to_read_the_settings_of_every_capability()
    {
        // A guard on the discovery itself: one setting of each area, read in a different way each.
        Assert.Superset(new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "AzureWebJobsStorage__accountName", "AzureAd__ClientId", "Mail__Acs__Endpoint", "Tickets__ReopenWindow", "Kb__RefreshInterval",
            "Partners__RequestsPerMinute", "Webhooks__RetryDelays", "Certificates__Plans__basic", "BusinessCalendar__TimeZone", "AutoCloseSchedule",
        }, new HashSet<string>(ConfigurationReads.ByTheApp, StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_setting_the_code_reads_is_set_by_the_template_unless_it_has_no_place_in_azure()
    {
        var missing = ConfigurationReads.ByTheApp
            .Where(name => !CompiledTemplate.AppSettings.ContainsKey(name) && !NotSetInAzure.ContainsKey(name))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0,
            "The code reads settings the template does not set (add each to main.bicep's settings, as a parameter if an operator may change it, " +
            "and to docs/SETTINGS.md):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_app_setting_the_template_sets_is_read_by_the_code_or_the_host()
    {
        var unread = CompiledTemplate.AppSettings.Keys
            .Where(name => !ConfigurationReads.ByTheApp.Contains(name) && !ReadByTheHost.Contains(name, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(unread.Count == 0, "App settings nothing reads (a misspelt name?):\n" + string.Join("\n", unread));
    }

    [Fact]
    public void Every_app_setting_is_a_fixed_value_another_resource_s_output_or_a_documented_parameter()
    {
        foreach (var (name, value) in CompiledTemplate.AppSettings)
        {
            foreach (var parameter in ParameterReference().Matches(value).Select(m => m.Groups[1].Value))
            {
                var declared = CompiledTemplate.Parameters[parameter];
                Assert.True(declared is not null, $"{name} reads parameter {parameter}, which main.bicep does not declare");
                Assert.False(string.IsNullOrWhiteSpace(declared["metadata"]?["description"]?.GetValue<string>()),
                    $"{name} reads parameter {parameter}, which has no @description");
            }
            Assert.False(value.Contains("variables(", StringComparison.Ordinal) && !value.Contains("reference(", StringComparison.Ordinal),
                $"{name} = {value}: a setting is a literal, a parameter or a resource's output, not a hidden variable");
        }
    }

    [Fact]
    public void The_sample_local_settings_list_exactly_the_settings_the_code_reads()
    {
        var expected = ConfigurationReads.ByTheApp.Concat(ConfigurationReads.ByTheDevHost).Concat(LocalHostOnly)
            .Where(name => !NotInTheSample.ContainsKey(name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var listed = ConfigurationReads.Sample.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unlisted = expected.Except(listed, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var stale = listed.Except(expected, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        Assert.True(unlisted.Count == 0, "local.settings.sample.json lacks settings the code reads:\n" + string.Join("\n", unlisted));
        Assert.True(stale.Count == 0, "local.settings.sample.json lists settings nothing reads:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void Every_setting_the_code_reads_is_in_the_settings_guide()
    {
        var guide = File.ReadAllLines(Path.Combine(CompiledTemplate.RepoRoot, "docs", "SETTINGS.md"));
        var documented = guide.SelectMany(NamesInLine).ToList();

        var undocumented = ConfigurationReads.ByTheApp.Concat(ConfigurationReads.ByTheDevHost)
            .Where(name => !documented.Any(d => Describes(d, name)))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(undocumented.Count == 0, "docs/SETTINGS.md does not describe:\n" + string.Join("\n", undocumented));
    }

    /// <summary>
    /// The guide's names in one line, with its shorthands spelt out: <c>`A__B`, `__C`</c> (C in B's section),
    /// <c>`A__{x,y}`</c> (both), <c>`A__{plan}`</c> (any name), <c>`A__{year}__…`</c> (A__ and what is under it).
    /// </summary>
    private static IEnumerable<string> NamesInLine(string line)
    {
        var section = "";
        foreach (var name in GuideName().Matches(line).Select(m => m.Groups[1].Value))
        {
            var full = name.StartsWith("__", StringComparison.Ordinal) ? section + name[2..] : name;
            section = full.Contains("__", StringComparison.Ordinal) ? full[..(full.LastIndexOf("__", StringComparison.Ordinal) + 2)] : "";
            if (Braces().Match(full) is { Success: true } braces)
            {
                var alternatives = braces.Groups[2].Value.Split(',');
                foreach (var alternative in alternatives.Length == 1 ? ["*"] : alternatives)
                {
                    yield return braces.Groups[1].Value + alternative;
                }
            }
            else
            {
                yield return full;
            }
        }
    }

    private static bool Describes(string documented, string name) =>
        string.Equals(documented, name, StringComparison.OrdinalIgnoreCase)
        || documented.EndsWith("__*", StringComparison.Ordinal) && name.StartsWith(documented[..^1], StringComparison.OrdinalIgnoreCase)
        || documented.StartsWith(name + "__", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"parameters\('(\w+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"`([A-Za-z_][\w{},]*)[_…]*`")]
    private static partial Regex GuideName();

    [GeneratedRegex(@"^(.*__)\{([\w,]+)\}")]
    private static partial Regex Braces();
}
