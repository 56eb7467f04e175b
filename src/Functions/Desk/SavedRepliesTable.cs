using Azure.Data.Tables;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions.Desk;

/// <summary>Saved replies, table <c>savedreplies</c>: partition = department (or <c>all</c>), row key = reply id.</summary>
public sealed class SavedRepliesTable(StorageClients storage) : ISavedReplies
{
    public const string TableName = "savedreplies";

    public async Task<IReadOnlyList<SavedReply>> ListAsync(string? departmentId, string? language, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        var filter = departmentId is null
            ? ""
            : TableClient.CreateQueryFilter($"PartitionKey eq {departmentId} or PartitionKey eq {ISavedReplies.AllDepartments}");
        var replies = new List<SavedReply>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var reply = new SavedReply(row.RowKey, row.PartitionKey, row.GetString("Language") ?? "ru", row.GetString("Title") ?? "", row.GetString("Body") ?? "");
            if (language is null || reply.Language == language)
            {
                replies.Add(reply);
            }
        }
        return replies.OrderBy(r => r.Title, StringComparer.CurrentCulture).ToList();
    }

    public async Task AddAsync(SavedReply reply, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName);
        await table.UpsertEntityAsync(new TableEntity(reply.DepartmentId, reply.Id)
        {
            ["Language"] = reply.Language,
            ["Title"] = reply.Title,
            ["Body"] = reply.Body,
        }, TableUpdateMode.Replace, cancellationToken);
    }
}
