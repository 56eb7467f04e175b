using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.Resilience.Load;

/// <summary>What the stack holds after a load run, against what the answers promised.</summary>
public sealed record Findings(IReadOnlyList<string> Problems, int Tickets, int UnsureTicketsThere, int Messages, int UnsureMessagesThere, int Mails)
{
    public string Figures =>
        $"{Tickets} tickets ({UnsureTicketsThere} of them from a create answered 503), {Messages} load messages " +
        $"({UnsureMessagesThere} from posts answered 503), {Mails} mails delivered";
}

/// <summary>
/// Reads every place a ticket shows (storage itself, the customer's list and thread, the staff queue, the mailbox) and reports
/// each ticket or message that is missing, doubled or out of step. A 2xx answer must be there exactly once; a 503 may have
/// committed (the answer was lost, not the change), so its ticket or message may be there, at most once and whole.
/// </summary>
public sealed class LoadCheck(LocalStack stack, LoadRun run, HttpClient agent)
{
    private const string AllStatuses = "status=open&status=in_progress&status=awaiting_customer&status=resolved&status=closed";
    private readonly TableClient _tickets = new(stack.StorageConnectionString, "tickets");
    private readonly QueueClient _notifications = new(stack.StorageConnectionString, "notifications");

    public async Task<Findings> CheckAsync()
    {
        var problems = new List<string>();
        var unsent = (await _notifications.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        if (unsent > 0)
        {
            problems.Add($"{unsent} mails still wait on the notifications queue");
        }
        var queue = await QueueRowsAsync();
        var mail = await MailSubjectsAsync();
        int tickets = 0, unsureTickets = 0, messages = 0, unsureMessages = 0, mails = 0;
        foreach (var customer in run.Customers)
        {
            var stored = await StoredTicketsAsync(customer.AccountId);
            var listed = await ListedAsync(customer.Client);
            problems.AddRange(CheckCreates(customer, stored));
            foreach (var (id, subject) in stored)
            {
                tickets++;
                unsureTickets += run.Expected.UnsureSubjects.ContainsKey(subject) ? 1 : 0;
                var view = await customer.Client.GetFromJsonAsync<JsonElement>($"/api/tickets/{id}");
                problems.AddRange(CheckViews(id, view, listed, queue));
                var (found, unsure, staffReplies) = CheckThread(id, view, problems);
                messages += found;
                unsureMessages += unsure;
                mails += CheckMail(id, customer.Email, staffReplies, mail, problems);
            }
        }
        return new Findings(problems, tickets, unsureTickets, messages, unsureMessages, mails);
    }

    private IEnumerable<string> CheckCreates(LoadRun.LoadCustomer customer, IReadOnlyList<(long Id, string Subject)> stored)
    {
        foreach (var doubled in stored.GroupBy(t => t.Subject).Where(g => g.Count() > 1))
        {
            yield return $"'{doubled.Key}' was created {doubled.Count()} times: {string.Join(", ", doubled.Select(t => t.Id))}";
        }
        foreach (var (subject, id) in run.Expected.CreatedBySubject.Where(c => run.IsOf(c.Key, customer)))
        {
            if (!stored.Contains((id, subject)))
            {
                yield return $"ticket {id} '{subject}' was answered 201 but is not in storage: lost";
            }
        }
        foreach (var (id, subject) in stored.Where(t => !run.Expected.CreatedBySubject.ContainsKey(t.Subject) && !run.Expected.UnsureSubjects.ContainsKey(t.Subject)))
        {
            yield return $"ticket {id} '{subject}' is in storage but nobody asked for it";
        }
    }

    private static IEnumerable<string> CheckViews(long id, JsonElement view, IReadOnlyDictionary<long, JsonElement> listed, IReadOnlyDictionary<long, JsonElement> queue)
    {
        var status = view.GetProperty("status").GetString();
        var version = view.GetProperty("version").GetInt32();
        if (!listed.TryGetValue(id, out var row))
        {
            yield return $"ticket {id} is not in its customer's list";
        }
        else if (row.GetProperty("status").GetString() != status || row.GetProperty("updatedAt").GetDateTimeOffset() != view.GetProperty("updatedAt").GetDateTimeOffset())
        {
            yield return $"ticket {id}: the customer's list shows {row} but the ticket is {status} at {view.GetProperty("updatedAt")}";
        }
        if (!queue.TryGetValue(id, out var queued))
        {
            yield return $"ticket {id} is not in the staff queue";
        }
        else if (queued.GetProperty("version").GetInt32() != version || queued.GetProperty("status").GetString() != status)
        {
            yield return $"ticket {id}: the staff queue shows version {queued.GetProperty("version")} {queued.GetProperty("status")}, the ticket is version {version} {status}";
        }
    }

    /// <returns>The load's messages found in the thread, those of them from posts answered 503, and the staff replies it holds.</returns>
    private (int Found, int Unsure, int StaffReplies) CheckThread(long id, JsonElement view, List<string> problems)
    {
        var thread = view.GetProperty("messages").EnumerateArray().ToList();
        for (var i = 1; i < thread.Count; i++)
        {
            if (thread[i].GetProperty("id").GetInt32() <= thread[i - 1].GetProperty("id").GetInt32()
                || thread[i].GetProperty("createdAt").GetDateTimeOffset() < thread[i - 1].GetProperty("createdAt").GetDateTimeOffset())
            {
                problems.Add($"ticket {id}: message {thread[i].GetProperty("id")} is out of order");
            }
        }
        var bodies = thread.Select(m => m.GetProperty("body").GetString() ?? "").ToList();
        foreach (var doubled in bodies.GroupBy(b => b).Where(g => g.Count() > 1 && g.Key.StartsWith("Load ", StringComparison.Ordinal)))
        {
            problems.Add($"ticket {id}: '{doubled.Key}' is in the thread {doubled.Count()} times");
        }
        foreach (var (body, _) in run.Expected.MessagesByBody.Where(m => m.Value == id && !bodies.Contains(m.Key)))
        {
            problems.Add($"ticket {id}: '{body}' was answered 201 but is not in the thread: lost");
        }
        var found = bodies.Count(run.Expected.MessagesByBody.ContainsKey);
        var unsure = bodies.Count(run.Expected.UnsureBodies.ContainsKey);
        var staffReplies = thread.Count(m => m.GetProperty("author").GetProperty("kind").GetString() == "staff");
        return (found + unsure, unsure, staffReplies);
    }

    /// <returns>How many of the ticket's mails arrived.</returns>
    private static int CheckMail(long id, string email, int staffReplies, IReadOnlyList<(string To, string Subject)> mail, List<string> problems)
    {
        var subjects = mail.Where(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase)).Select(m => m.Subject).ToList();
        var receipts = subjects.Count(s => s.StartsWith($"We received your ticket #{id}:", StringComparison.Ordinal));
        var replies = subjects.Count(s => s.StartsWith($"Reply to your ticket #{id}:", StringComparison.Ordinal));
        if (receipts != 1)
        {
            problems.Add($"ticket {id}: {receipts} receipt mails, not 1");
        }
        if (replies != staffReplies)
        {
            problems.Add($"ticket {id}: {replies} reply mails for {staffReplies} staff replies");
        }
        return receipts + replies;
    }

    private async Task<IReadOnlyList<(long Id, string Subject)>> StoredTicketsAsync(string accountId)
    {
        var found = new List<(long, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {"h-"} and RowKey lt {"h."}");
        await foreach (var header in _tickets.QueryAsync<TableEntity>(filter, select: ["Id", "Subject"]))
        {
            found.Add((header.GetInt64("Id") ?? 0, header.GetString("Subject")));
        }
        return found;
    }

    private static async Task<IReadOnlyDictionary<long, JsonElement>> ListedAsync(HttpClient customer)
    {
        var open = await customer.GetFromJsonAsync<JsonElement>("/api/tickets?limit=200");
        var resolved = await customer.GetFromJsonAsync<JsonElement>("/api/tickets?resolved=true&limit=200");
        return open.GetProperty("items").EnumerateArray().Concat(resolved.GetProperty("items").EnumerateArray())
            .ToDictionary(i => i.GetProperty("id").GetInt64());
    }

    private async Task<IReadOnlyDictionary<long, JsonElement>> QueueRowsAsync()
    {
        var rows = new Dictionary<long, JsonElement>();
        string? cursor = null;
        do
        {
            var page = await agent.GetFromJsonAsync<JsonElement>($"/api/staff/tickets?{AllStatuses}&limit=200{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                rows[item.GetProperty("id").GetInt64()] = item;
            }
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return rows;
    }

    /// <summary>Every mail smtp4dev holds: recipient and subject.</summary>
    private async Task<IReadOnlyList<(string To, string Subject)>> MailSubjectsAsync()
    {
        using var client = new HttpClient { BaseAddress = stack.MailUi, Timeout = TimeSpan.FromSeconds(30) };
        var list = await client.GetFromJsonAsync<JsonElement>("api/messages?pageSize=5000");
        var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("results");
        return items.EnumerateArray()
            .SelectMany(m => Recipients(m).Select(to => (to, m.GetProperty("subject").GetString() ?? "")))
            .ToList();
    }

    private static IEnumerable<string> Recipients(JsonElement message) =>
        message.GetProperty("to") is { ValueKind: JsonValueKind.Array } many
            ? many.EnumerateArray().Select(r => r.GetString() ?? "")
            : [message.GetProperty("to").GetString() ?? ""];
}
