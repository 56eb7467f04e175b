using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Functions;

namespace SupportFunctions.UnitTests.Infra;

/// <summary>
/// The template creates every table, queue and container the app uses, so none is created on first use in production
/// (where a failed creation would be a failed request). The app's names are its constants: <c>…TableName</c>,
/// <c>…Table</c>, <c>…QueueName</c>, <c>…ContainerName</c>, <c>…Container</c>, and the poison queue of every queue trigger.
/// </summary>
public sealed partial class StorageNamesTests
{
    private static readonly Assembly[] AppAssemblies = [typeof(ServiceRegistration).Assembly, typeof(Domain.Common.IClock).Assembly];

    /// <summary>The Flex Consumption deployment package's container: the platform's, not the app's.</summary>
    private const string DeploymentContainer = "app-package";

    [Fact]
    public void The_template_creates_every_table_the_app_names_and_no_other()
    {
        Assert.Equal(
            Constants(name => name.EndsWith("TableName", StringComparison.Ordinal) || name.EndsWith("Table", StringComparison.Ordinal)),
            Created("Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Fact]
    public void The_template_creates_every_queue_the_app_names_and_the_poison_queue_of_every_queue_trigger()
    {
        var triggered = QueueTriggers().ToList();
        Assert.NotEmpty(triggered);
        var expected = Constants(name => name.EndsWith("QueueName", StringComparison.Ordinal))
            .Concat(triggered).Concat(triggered.Select(q => q + "-poison"))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, Created("Microsoft.Storage/storageAccounts/queueServices/queues"));
    }

    [Fact]
    public void The_template_creates_every_blob_container_the_app_names()
    {
        var expected = Constants(name => name.EndsWith("ContainerName", StringComparison.Ordinal) || name.EndsWith("Container", StringComparison.Ordinal))
            .Append(DeploymentContainer).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected, Created("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void The_app_names_its_tables_queues_and_containers_with_constants_only()
    {
        // What keeps the tests above whole: a name written inline would not be seen.
        // The app's code only: the DevHost stands in for the Functions host, which names the poison queues itself.
        var inline = new[] { "Functions", "Domain" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(CompiledTemplate.RepoRoot, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => InlineName().Matches(File.ReadAllText(path)).Select(m => $"{Path.GetRelativePath(CompiledTemplate.RepoRoot, path)}: {m.Value}"))
            .ToList();

        Assert.True(inline.Count == 0, "Storage names written inline (make each a constant named …TableName, …QueueName or …ContainerName):\n" + string.Join("\n", inline));
    }

    [Fact]
    public void Uploads_never_linked_to_a_ticket_are_deleted_by_a_lifecycle_rule_on_their_pending_prefix()
    {
        var rule = Assert.Single(CompiledTemplate.OneOf("Microsoft.Storage/storageAccounts/managementPolicies").Properties!["policy"]!["rules"]!.AsArray())!;
        var prefix = Assert.Single(rule["definition"]!["filters"]!["prefixMatch"]!.AsArray())!.GetValue<string>();

        Assert.Equal($"{Functions.Tickets.BlobAttachments.ContainerName}/{Functions.Tickets.BlobAttachments.PendingPrefix}", prefix);
        Assert.NotNull(rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]);
    }

    private static List<string> Constants(Func<string, bool> named) => AppAssemblies
        .SelectMany(a => a.GetTypes())
        .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && named(f.Name))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<string> QueueTriggers() => typeof(ServiceRegistration).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .SelectMany(m => m.GetParameters())
        .SelectMany(p => p.GetCustomAttributes<QueueTriggerAttribute>())
        .Select(a => a.QueueName);

    private static List<string> Created(string type) =>
        CompiledTemplate.NamesCreated(type).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"(TableAsync|QueueAsync|GetTableClient|GetQueueClient|GetBlobContainerClient)\(\s*(""|\$"")")]
    private static partial Regex InlineName();
}
