using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Identity;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Storage;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Foundation;

[Collection(StackCollection.Name)]
public sealed class SharedAdapterTests(SharedStack shared)
{
    private readonly Adapters _adapters = new(shared.Stack);

    [Fact]
    public async Task The_throttle_refuses_past_the_limit_with_the_time_left_in_the_window()
    {
        var throttle = new TableThrottle(_adapters.Storage, _adapters.Expiries, _adapters.Clock);
        var policy = new ThrottlePolicy("test-limit", 3, TimeSpan.FromMinutes(10));
        var subject = Guid.NewGuid().ToString();

        for (var i = 0; i < 3; i++)
        {
            await throttle.HitAsync(policy, subject, CancellationToken.None);
        }
        var refused = await Assert.ThrowsAsync<DomainException>(() => throttle.HitAsync(policy, subject, CancellationToken.None));

        Assert.Equal(FailureKind.Throttled, refused.Kind);
        Assert.InRange(refused.RetryAfter!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        await throttle.HitAsync(policy, Guid.NewGuid().ToString(), CancellationToken.None);
    }

    [Fact]
    public async Task Concurrent_attempts_are_all_counted()
    {
        var throttle = new TableThrottle(_adapters.Storage, _adapters.Expiries, _adapters.Clock);
        var policy = new ThrottlePolicy("test-concurrent", 5, TimeSpan.FromMinutes(10));
        var subject = Guid.NewGuid().ToString();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            try
            {
                await throttle.HitAsync(policy, subject, CancellationToken.None);
                return true;
            }
            catch (DomainException)
            {
                return false;
            }
        }));

        Assert.Equal(5, outcomes.Count(allowed => allowed));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_answer_and_creates_nothing_new()
    {
        var store = new IdempotencyStore(_adapters.Storage, _adapters.Expiries, _adapters.Clock);
        var caller = new CustomerCaller(Guid.NewGuid().ToString("N"), "s");
        var created = 0;
        Task<ApiResult> Create() => Task.FromResult(ApiResults.Created(new { id = ++created }));

        var first = await store.RunOnceAsync(caller, "test-create", "key-1", "body-a", Create, CancellationToken.None);
        var replay = await store.RunOnceAsync(caller, "test-create", "key-1", "body-a", Create, CancellationToken.None);
        var otherCaller = await store.RunOnceAsync(caller with { AccountId = "someone-else" }, "test-create", "key-1", "body-b", Create, CancellationToken.None);

        Assert.Equal(2, created);
        Assert.Equal(201, replay.StatusCode);
        Assert.Equal("true", replay.Headers[IdempotencyStore.ReplayedHeader]);
        Assert.Equal(JsonSerializer.Serialize(first.Body, ApiJson.Options), JsonSerializer.Serialize(replay.Body, ApiJson.Options));
        Assert.Equal(201, otherCaller.StatusCode);
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_another_body_is_refused_and_creates_nothing()
    {
        var store = new IdempotencyStore(_adapters.Storage, _adapters.Expiries, _adapters.Clock);
        var caller = new CustomerCaller(Guid.NewGuid().ToString("N"), "s");
        var created = 0;
        Task<ApiResult> Create() => Task.FromResult(ApiResults.Created(new { id = ++created }));

        await store.RunOnceAsync(caller, "test-create", "key-3", "body-a", Create, CancellationToken.None);
        var refused = await Assert.ThrowsAsync<DomainException>(() => store.RunOnceAsync(caller, "test-create", "key-3", "body-b", Create, CancellationToken.None));

        Assert.Equal("idempotency_key_reused", refused.Code);
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task A_failed_create_releases_its_idempotency_key()
    {
        var store = new IdempotencyStore(_adapters.Storage, _adapters.Expiries, _adapters.Clock);
        var caller = new CustomerCaller(Guid.NewGuid().ToString("N"), "s");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.RunOnceAsync(caller, "test-create", "key-2", "body-a", () => throw new InvalidOperationException("storage hiccup"), CancellationToken.None));
        var retried = await store.RunOnceAsync(caller, "test-create", "key-2", "body-a", () => Task.FromResult(ApiResults.Created(new { id = 7 })), CancellationToken.None);

        Assert.Equal(201, retried.StatusCode);
        Assert.False(retried.Headers.ContainsKey(IdempotencyStore.ReplayedHeader));
    }

    [Fact]
    public async Task The_local_clock_moves_forward_on_demand_and_back_on_reset()
    {
        var stack = shared.Stack;
        try
        {
            using var moved = await stack.Client.PostAsJsonAsync("/admin/clock/advance", new { by = "2.00:00:00" });
            var now = (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("now").GetDateTimeOffset();

            Assert.InRange(now - DateTimeOffset.UtcNow, TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        }
        finally
        {
            using var reset = await stack.Client.DeleteAsync("/admin/clock");
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }
    }
}
