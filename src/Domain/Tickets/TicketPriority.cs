namespace SupportFunctions.Domain.Tickets;

/// <summary>Ticket priorities, highest first. A ticket without a certificate gets <see cref="Minimal"/>.</summary>
public enum TicketPriority
{
    Critical,
    High,
    Normal,
    Low,
    Minimal,
}
