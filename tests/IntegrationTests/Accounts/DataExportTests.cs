using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.IntegrationTests.Accounts;

[Collection(StackCollection.Name)]
public sealed class DataExportTests(SharedStack shared)
{
    private readonly People _people = new(shared.Stack);

    [Fact]
    public async Task The_export_holds_my_account_my_certificates_and_my_tickets_with_their_threads_and_nothing_of_others()
    {
        var me = await _people.CustomerAsync();
        var someoneElse = await _people.CustomerAsync();
        var certificate = await _people.CertificateAsync(me, "standard", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var mine = await CreateTicketAsync(me, "Signing fails after the update", certificate.Id);
        await ReplyAsync(me, mine, "Here is the log you asked for.");
        await CreateTicketAsync(someoneElse, "Someone else's problem", null);

        using var response = await me.Client.GetAsync("/api/me/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(me.Email, export.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal(certificate.Serial, Assert.Single(export.GetProperty("certificates").EnumerateArray()).GetProperty("serial").GetString());
        var ticket = Assert.Single(export.GetProperty("tickets").EnumerateArray());
        Assert.Equal(mine, ticket.GetProperty("id").GetInt64());
        var bodies = ticket.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
        Assert.Contains("Here is the log you asked for.", bodies);
        Assert.DoesNotContain("Someone else's problem", export.ToString(), StringComparison.Ordinal);
    }

    private static async Task<long> CreateTicketAsync(People.Customer customer, string subject, string? certificateId)
    {
        using var response = await customer.Client.PostAsJsonAsync("/api/tickets", new
        {
            subject,
            description = "Steps: open the app, sign a document. Expected a signature, got an error.",
            certificateId,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task ReplyAsync(People.Customer customer, long ticketId, string body)
    {
        using var response = await customer.Client.PostAsJsonAsync($"/api/tickets/{ticketId}/messages", new { body });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
