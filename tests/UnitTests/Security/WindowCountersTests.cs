using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Tickets;

namespace SupportFunctions.UnitTests.Security;

public sealed class WindowCountersTests
{
    private sealed class StoppedClock(DateTimeOffset now) : IClock
    {
        public DateTimeOffset UtcNow { get; set; } = now;
    }

    private static readonly ThrottlePolicy ThreePerMinute = new("test", 3, TimeSpan.FromMinutes(1));
    private readonly StoppedClock _clock = new(new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.Zero));

    [Fact]
    public void Calls_past_the_limit_in_one_window_are_refused_with_the_time_to_its_end()
    {
        var counters = new WindowCounters(_clock);

        var counts = Enumerable.Range(0, 4).Select(_ => counters.Hit(ThreePerMinute, "anna")).ToList();

        Assert.Equal([false, false, false, true], counts.Select(c => c.Exceeded));
        Assert.Equal(0, counts[2].Remaining);
        Assert.Equal(TimeSpan.FromSeconds(45), counts[3].ResetIn);
        var refused = Assert.Throws<DomainException>(() => counters.HitOrRefuse(ThreePerMinute, "anna"));
        Assert.Equal(FailureKind.Throttled, refused.Kind);
        Assert.Equal(TimeSpan.FromSeconds(45), refused.RetryAfter);
    }

    [Fact]
    public void Each_subject_and_each_policy_counts_alone_and_a_new_window_starts_afresh()
    {
        var counters = new WindowCounters(_clock);
        for (var i = 0; i < 3; i++)
        {
            counters.Hit(ThreePerMinute, "anna");
        }

        var boris = counters.Hit(ThreePerMinute, "boris");
        var otherPolicy = counters.Hit(ThreePerMinute with { Name = "other" }, "anna");
        _clock.UtcNow = _clock.UtcNow.AddSeconds(45);
        var nextWindow = counters.Hit(ThreePerMinute, "anna");

        Assert.Equal(1, boris.Calls);
        Assert.Equal(1, otherPolicy.Calls);
        Assert.Equal(1, nextWindow.Calls);
    }

    [Fact]
    public void Counters_of_ended_windows_are_dropped_so_memory_follows_current_subjects_only()
    {
        var counters = new WindowCounters(_clock);
        for (var i = 0; i < 1000; i++)
        {
            counters.Hit(ThreePerMinute, $"address-{i}");
        }
        _clock.UtcNow = _clock.UtcNow.AddMinutes(2);

        counters.Hit(ThreePerMinute, "anna");

        Assert.Equal(1, counters.Tracked);
    }

    [Fact]
    public void A_customer_is_limited_first_and_the_address_only_counts_calls_the_customer_was_allowed()
    {
        var limits = new CustomerLimits(new WindowCounters(_clock), new CustomerLimitOptions { TicketsPerCustomer = 2, TicketsPerAddress = 3 });

        limits.Enter(CustomerAction.CreateTicket, "anna", "10.0.0.1");
        limits.Enter(CustomerAction.CreateTicket, "anna", "10.0.0.1");
        var annaRefused = Assert.Throws<DomainException>(() => limits.Enter(CustomerAction.CreateTicket, "anna", "10.0.0.1"));
        limits.Enter(CustomerAction.CreateTicket, "boris", "10.0.0.1");
        var borisRefused = Assert.Throws<DomainException>(() => limits.Enter(CustomerAction.CreateTicket, "boris", "10.0.0.1"));
        limits.Enter(CustomerAction.Reply, "anna", "10.0.0.1");

        Assert.Equal(FailureKind.Throttled, annaRefused.Kind);
        Assert.Equal(FailureKind.Throttled, borisRefused.Kind);
    }
}
