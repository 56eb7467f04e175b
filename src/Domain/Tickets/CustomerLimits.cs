using SupportFunctions.Domain.Common;

namespace SupportFunctions.Domain.Tickets;

/// <summary>What a customer does often enough to be worth flooding: each kind has a limit per customer and per client address.</summary>
public enum CustomerAction { CreateTicket, Reply, RequestUpload }

/// <summary>Section <c>Limits</c>: calls per window, per customer account and per client address.</summary>
public sealed class CustomerLimitOptions
{
    public const string Section = "Limits";

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
    public int TicketsPerCustomer { get; set; } = 30;
    public int TicketsPerAddress { get; set; } = 120;
    public int RepliesPerCustomer { get; set; } = 120;
    public int RepliesPerAddress { get; set; } = 480;
    public int UploadsPerCustomer { get; set; } = 120;
    public int UploadsPerAddress { get; set; } = 480;
}

/// <summary>
/// Throttles ticket creation, replies and upload slots per customer and per client address with in-process
/// <see cref="WindowCounters"/>: no storage round trip, so ticket create keeps its budget of 4. An address is limited
/// more loosely than an account because an office's customers share one. The customer's count is taken first, so one
/// customer's flood does not spend the address's allowance of its neighbours.
/// </summary>
public sealed class CustomerLimits(WindowCounters counters, CustomerLimitOptions options)
{
    private readonly Dictionary<CustomerAction, (ThrottlePolicy PerCustomer, ThrottlePolicy PerAddress)> _policies = new()
    {
        [CustomerAction.CreateTicket] = (new("tickets-customer", options.TicketsPerCustomer, options.Window), new("tickets-address", options.TicketsPerAddress, options.Window)),
        [CustomerAction.Reply] = (new("replies-customer", options.RepliesPerCustomer, options.Window), new("replies-address", options.RepliesPerAddress, options.Window)),
        [CustomerAction.RequestUpload] = (new("uploads-customer", options.UploadsPerCustomer, options.Window), new("uploads-address", options.UploadsPerAddress, options.Window)),
    };

    /// <summary>Counts the call; throws 429 <c>too_many_requests</c> with <c>Retry-After</c> when either limit is passed.</summary>
    public void Enter(CustomerAction action, string accountId, string clientAddress)
    {
        var (perCustomer, perAddress) = _policies[action];
        counters.HitOrRefuse(perCustomer, accountId);
        counters.HitOrRefuse(perAddress, clientAddress);
    }
}
