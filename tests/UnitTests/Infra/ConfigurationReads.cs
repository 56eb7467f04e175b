using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportFunctions.Functions;

namespace SupportFunctions.UnitTests.Infra;

/// <summary>
/// The setting names the app reads, found by running its own registration against a configuration that records every
/// key asked for: <see cref="ServiceRegistration.AddSupportFunctions"/>, every options class it binds and every service
/// it registers (their factories read settings too), plus the <c>%Setting%</c> names of trigger attributes, which the
/// Functions host resolves. A new option, section or <c>configuration["..."]</c> shows up here without a list to update.
/// </summary>
public static partial class ConfigurationReads
{
    /// <summary>local.settings.sample.json's <c>Values</c> (declared first: <see cref="ByTheApp"/> starts from them).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sample = SampleValues();

    /// <summary>Names as app settings spell them (<c>Mail__Smtp__Host</c>), compared without case like configuration keys.</summary>
    public static readonly IReadOnlySet<string> ByTheApp = Record();

    /// <summary>The DevHost's own settings (<c>DevHost:…</c>), read in its top-level program; found in its source.</summary>
    public static readonly IReadOnlySet<string> ByTheDevHost = DevHostNames();

    public static string AppSettingName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    private static HashSet<string> Record()
    {
        // The sample's values, with storage and Entra configured as in Azure so the code takes its Azure branches.
        var values = Sample.ToDictionary(v => v.Key.Replace("__", ":", StringComparison.Ordinal), v => (string?)v.Value, StringComparer.OrdinalIgnoreCase);
        values["AzureWebJobsStorage:accountName"] = "stsupport";
        values["AzureWebJobsStorage:credential"] = "managedidentity";
        values["AzureAd:TenantId"] = "00000000-0000-0000-0000-000000000001";
        values["AzureAd:ClientId"] = "00000000-0000-0000-0000-000000000002";
        values["Mail:Sender"] = "acs";
        var recorder = new RecordingSource(values);
        var configuration = new ConfigurationBuilder().Add(recorder).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSupportFunctions(configuration);
        using (var provider = services.BuildServiceProvider())
        {
            foreach (var optionsType in OptionsTypes(services))
            {
                var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(optionsType));
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            foreach (var serviceType in AppServiceTypes(services))
            {
                _ = provider.GetServices(serviceType).ToList();
            }
        }

        // A key asked for that has keys under it is a section (Mail:Smtp), whose names are its leaves; unless it is a
        // value too, as AzureWebJobsStorage (a connection string, or the section of identity-based storage) is.
        var asked = recorder.Provider.Asked.Keys;
        var leaves = asked.Where(key => Sample.ContainsKey(AppSettingName(key))
            || !values.Keys.Concat(asked).Any(other => other.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase)));
        return leaves.Select(AppSettingName).Concat(TriggerSettings()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<Type> OptionsTypes(IServiceCollection services) => services
        .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
        .Select(d => d.ServiceType.GetGenericArguments()[0])
        .Distinct();

    private static IEnumerable<Type> AppServiceTypes(IServiceCollection services) => services
        .Where(d => !d.ServiceType.IsGenericTypeDefinition && (IsAppType(d.ServiceType) || d.ImplementationType is { } type && IsAppType(type)))
        .Select(d => d.ServiceType)
        .Distinct();

    private static bool IsAppType(Type type) => type.Namespace?.StartsWith("SupportFunctions.", StringComparison.Ordinal) == true;

    /// <summary><c>[TimerTrigger("%AutoCloseSchedule%")]</c> and the like: app settings the host reads for the app.</summary>
    private static IEnumerable<string> TriggerSettings() => typeof(ServiceRegistration).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .SelectMany(m => m.GetParameters())
        .SelectMany(p => p.GetCustomAttributes<TimerTriggerAttribute>().Select(a => a.Schedule))
        .SelectMany(schedule => PercentName().Matches(schedule).Select(m => m.Groups[1].Value));

    private static HashSet<string> DevHostNames()
    {
        var source = Directory.EnumerateFiles(Path.Combine(CompiledTemplate.RepoRoot, "src", "DevHost"), "*.cs").Select(File.ReadAllText);
        return source.SelectMany(text => DevHostKey().Matches(text).Select(m => AppSettingName(m.Groups[1].Value)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static Dictionary<string, string> SampleValues()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(CompiledTemplate.RepoRoot, "local.settings.sample.json")))!;
        return sample["Values"]!.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"%(\w+)%")]
    private static partial Regex PercentName();

    [GeneratedRegex(@"""(DevHost:\w+)""")]
    private static partial Regex DevHostKey();

    private sealed class RecordingSource(IDictionary<string, string?> values) : IConfigurationSource
    {
        public RecordingProvider Provider { get; } = new(values);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
    }

    private sealed class RecordingProvider(IDictionary<string, string?> values) : ConfigurationProvider
    {
        public ConcurrentDictionary<string, bool> Asked { get; } = new(StringComparer.OrdinalIgnoreCase);

        public override void Load() => Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);

        public override bool TryGet(string key, out string? value)
        {
            Asked[key] = true;
            return base.TryGet(key, out value);
        }
    }
}
