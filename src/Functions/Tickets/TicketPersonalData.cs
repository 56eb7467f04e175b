using SupportFunctions.Domain.Identity;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Functions.Accounts;

namespace SupportFunctions.Functions.Tickets;

/// <summary>Every ticket of the customer with its whole thread, open and resolved, for the data export.</summary>
public sealed class TicketPersonalData(CustomerTickets tickets, TicketOptions options) : IPersonalDataSection
{
    private const int PageSize = 200;

    public string Name => "tickets";

    public async Task<object> ExportAsync(CustomerCaller customer, string language, CancellationToken cancellationToken)
    {
        var threads = new List<object>();
        foreach (var resolved in new[] { false, true })
        {
            string? cursor = null;
            do
            {
                var page = await tickets.ListAsync(customer, resolved, PageSize, cursor, cancellationToken);
                foreach (var summary in page.Items)
                {
                    var loaded = await tickets.ViewAsync(customer, summary.Id, cancellationToken);
                    threads.Add(TicketJson.ForCustomer(loaded, options.ReopenWindow));
                }
                cursor = page.NextCursor;
            }
            while (cursor is not null);
        }
        return threads;
    }
}
