using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SupportFunctions.IntegrationTests.Infrastructure;

/// <summary>The mail the app sent, read through smtp4dev's REST API.</summary>
public sealed partial class Mailbox(Uri mailUi) : IDisposable
{
    private readonly HttpClient _client = new() { BaseAddress = mailUi, Timeout = TimeSpan.FromSeconds(10) };

    public sealed record Message(string Id, string To, string Subject, string Text);

    /// <summary>Every message to <paramref name="to"/> (case-insensitive), oldest first, with its plain text.</summary>
    public async Task<IReadOnlyList<Message>> ToAsync(string to)
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("api/messages?pageSize=5000");
        var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("results");
        var found = new List<Message>();
        foreach (var item in items.EnumerateArray().OrderBy(i => i.TryGetProperty("receivedDate", out var date) ? date.GetDateTimeOffset() : DateTimeOffset.MinValue))
        {
            var recipients = item.GetProperty("to").ValueKind == JsonValueKind.Array
                ? item.GetProperty("to").EnumerateArray().Select(r => r.GetString() ?? "")
                : [item.GetProperty("to").GetString() ?? ""];
            if (!recipients.Any(r => r.Contains(to, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var id = item.GetProperty("id").GetString()!;
            var text = await _client.GetStringAsync($"api/messages/{id}/plaintext");
            found.Add(new Message(id, to, item.GetProperty("subject").GetString() ?? "", text));
        }
        return found;
    }

    /// <summary>Waits for a message to <paramref name="to"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<Message> WaitForAsync(string to, string subject, int count = 1)
    {
        IReadOnlyList<Message> matching = [];
        await Eventually.TrueAsync(async () =>
        {
            matching = (await ToAsync(to)).Where(m => m.Subject.Contains(subject, StringComparison.Ordinal)).ToList();
            return matching.Count >= count;
        }, TimeSpan.FromSeconds(30), () => $"no mail '{subject}' to {to}");
        return matching[count - 1];
    }

    /// <summary>The token of the first link in the mail (links carry it as the query parameter <c>token</c>).</summary>
    public static string TokenIn(Message message) =>
        TokenParameter().Match(message.Text) is { Success: true } match
            ? Uri.UnescapeDataString(match.Groups[1].Value)
            : throw new InvalidOperationException($"No token link in: {message.Text}");

    [GeneratedRegex(@"[?&]token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex TokenParameter();

    public void Dispose() => _client.Dispose();
}
