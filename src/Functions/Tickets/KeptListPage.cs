using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Functions.Tickets;

/// <summary>One row of "My tickets" as its <c>l-</c> row stores it, and as the kept first page repeats it.</summary>
internal sealed record KeptListRow(
    string RowKey, long Id, string Subject, DateTimeOffset UpdatedAt, string LastReplierKind, string LastReplierName,
    string DepartmentId, string Type, string Status, string Priority)
{
    public static KeptListRow Of(TableEntity row) => new(
        row.RowKey,
        row.GetInt64("Id") ?? 0,
        row.GetString("Subject") ?? "",
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.GetString("LastReplierKind") ?? nameof(AuthorKind.System),
        row.GetString("LastReplierName") ?? "",
        row.GetString("DepartmentId") ?? "",
        row.GetString("Type") ?? Ticket.DefaultType,
        row.GetString("Status") ?? nameof(TicketStatus.Open),
        row.GetString("Priority") ?? nameof(TicketPriority.Normal));

    public TicketSummary ToSummary() => new(
        Id, Subject, UpdatedAt, new MessageAuthor(Enum.Parse<AuthorKind>(LastReplierKind), null, LastReplierName),
        DepartmentId, Type, Enum.Parse<TicketStatus>(Status), Enum.Parse<TicketPriority>(Priority));
}

/// <summary>
/// The first rows of one group of "My tickets" (open or resolved), kept on the customer's counts row so the page most
/// lists ask for is a point read: the cheapest request Table storage serves, whatever else the partition holds (Azurite
/// evaluates a query against every row of the table). Every change marks the kept pages stale in its own transaction
/// (a blind merge, no extra round trip); the ticket-change dispatcher rebuilds them, guarded by the counts row's ETag, so
/// a page is served only while no change has happened since it was built. <see cref="Capacity"/> is the API's default page.
/// </summary>
internal sealed record KeptListPage(IReadOnlyList<KeptListRow> Rows, bool More)
{
    public const int Capacity = 50;
    public const string StaleProperty = "ListPagesStale";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PropertyFor(bool resolved) => resolved ? "ResolvedListPage" : "OpenListPage";

    /// <summary>The kept page of a group, or null when the counts row has none that is up to date.</summary>
    public static KeptListPage? ReadFrom(TableEntity counts, bool resolved) =>
        counts.GetBoolean(StaleProperty) == false && counts.GetBinary(PropertyFor(resolved)) is { } bytes
            ? JsonSerializer.Deserialize<KeptListPage>(bytes, Json)
            : null;

    /// <summary>From the first <see cref="Capacity"/> + 1 list rows of a query: the extra one only says whether more follow.</summary>
    public static KeptListPage Of(IReadOnlyList<TableEntity> firstRows) =>
        new(firstRows.Take(Capacity).Select(KeptListRow.Of).ToList(), firstRows.Count > Capacity);

    /// <summary>UTF-8 JSON: 50 rows with 200-character Cyrillic subjects stay well under a property's 64 KiB.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public TicketListPage Answer(int limit, int resolvedCount, Func<string, string> cursorOf)
    {
        var items = Rows.Take(limit).ToList();
        var more = Rows.Count > items.Count || More;
        return new TicketListPage(items.Select(r => r.ToSummary()).ToList(), more && items.Count > 0 ? cursorOf(items[^1].RowKey) : null, resolvedCount);
    }
}
