using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;
using SupportFunctions.Domain.Time;
using SupportFunctions.Functions.Desk;
using SupportFunctions.Functions.Tickets;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Tickets;

/// <summary>The tickets capability's storage adapters, built in the test process against the stack's Azurite.</summary>
public sealed class TicketAdapters : IDisposable
{
    public TicketAdapters(LocalStack stack, IClock? clock = null, TicketOptions? options = null, DeskOptions? desk = null)
    {
        Shared = new Adapters(stack, clock);
        Options = options ?? new TicketOptions();
        Changes = new TicketChangeQueue(Shared.Storage, Shared.Clock, desk ?? new DeskOptions());
        Store = new TableTicketStore(Shared.Storage, Shared.Expiries, Changes);
        Blobs = new BlobAttachments(Shared.Storage);
        Rules = new AttachmentRules(Blobs, Options);
        IdBlocks = new TableTicketIdBlocks(Shared.Storage);
    }

    public static readonly SupportSchedule Schedule = new(BusinessCalendar.From(new BusinessCalendarOptions()), new SupportScheduleOptions());

    public Adapters Shared { get; }
    public TicketChangeQueue Changes { get; }
    public TicketOptions Options { get; }
    public TableTicketStore Store { get; }
    public BlobAttachments Blobs { get; }
    public AttachmentRules Rules { get; }
    public TableTicketIdBlocks IdBlocks { get; }

    public void Dispose() => Blobs.Dispose();
}

public static class Files
{
    /// <summary>A valid 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static readonly byte[] Html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();

    public static readonly byte[] Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>"u8.ToArray();

    public static readonly byte[] Log = "2026-11-25 09:30:01 ERROR activation failed: timeout\n"u8.ToArray();
}
