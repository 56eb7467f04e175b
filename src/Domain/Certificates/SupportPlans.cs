using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.Domain.Certificates;

/// <summary>
/// The plan → ticket priority table (configuration <c>Certificates:Plans:{plan}</c>). The rule tickets use:
/// a certificate's plan decides the priority; a ticket without a certificate gets <see cref="TicketPriority.Minimal"/>
/// in the general queue.
/// </summary>
public sealed class SupportPlans
{
    public static readonly IReadOnlyDictionary<string, TicketPriority> Defaults = new Dictionary<string, TicketPriority>(StringComparer.Ordinal)
    {
        ["basic"] = TicketPriority.Low,
        ["standard"] = TicketPriority.Normal,
        ["extended"] = TicketPriority.High,
        ["premium"] = TicketPriority.Critical,
    };

    private readonly IReadOnlyDictionary<string, TicketPriority> _priorities;

    public SupportPlans(IReadOnlyDictionary<string, TicketPriority> priorities)
    {
        if (priorities.Count == 0)
        {
            throw new ArgumentException("At least one plan is needed.", nameof(priorities));
        }
        _priorities = priorities;
    }

    public IEnumerable<string> Names => _priorities.Keys;

    public bool Exists(string? plan) => plan is not null && _priorities.ContainsKey(plan);

    /// <summary>The priority of a plan; a plan no longer in the table (renamed since issue) gets the lowest.</summary>
    public TicketPriority PriorityOf(string plan) =>
        _priorities.TryGetValue(plan, out var priority) ? priority : TicketPriority.Minimal;

    /// <summary>The coverage of a ticket: the certificate's, or the general queue at minimal priority without one.</summary>
    public static TicketCoverage CoverageWithout() => TicketCoverage.WithoutCertificate;

    public static string Name(TicketPriority priority) => priority.ToString().ToLowerInvariant();

    public static TicketPriority Parse(string value, string plan) =>
        Enum.TryParse<TicketPriority>(value, ignoreCase: true, out var priority) && Enum.IsDefined(priority)
            ? priority
            : throw new DomainException(FailureKind.Malformed, "invalid_configuration", $"Plan {plan}: '{value}' is not a ticket priority.");
}
