using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Accounts;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Certificates;

/// <summary>A stack of its own whose clock these tests move, so the shared stack's time is never disturbed.</summary>
public sealed class ClockStack : IAsyncLifetime
{
    public LocalStack Stack { get; private set; } = null!;

    public async Task InitializeAsync() => Stack = await LocalStack.StartAsync();

    public async Task DisposeAsync() => await Stack.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClockStackCollection : ICollectionFixture<ClockStack>
{
    public const string Name = "certificates clock stack";
}

[Collection(ClockStackCollection.Name)]
public sealed class CertificateTimeTests(ClockStack fixture) : IAsyncLifetime
{
    private readonly LocalStack _stack = fixture.Stack;
    private readonly StaffClient _staff = new(fixture.Stack);
    private readonly Mailbox _mail = new(fixture.Stack.MailUi);

    public async Task InitializeAsync()
    {
        await _stack.Client.DeleteAsync("/admin/clock");
        await _staff.EnsureCatalogueAsync();
    }

    public async Task DisposeAsync()
    {
        await _stack.Client.DeleteAsync("/admin/clock");
        _mail.Dispose();
    }

    [Fact]
    public async Task A_registered_certificate_turns_expired_when_its_time_is_up_and_a_future_one_registers_once_it_starts()
    {
        var now = await _staff.NowAsync();
        var shortLived = await _staff.IssueAsync(validFrom: now.AddDays(-1), validTo: now.AddDays(2));
        var future = await _staff.IssueAsync(validFrom: now.AddDays(3), validTo: now.AddDays(100));
        var (customer, email, token) = await CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsync("/api/me/certificates", Claim(shortLived), token)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await customer.PostAsync("/api/me/certificates", Claim(future), token)).StatusCode);
        var before = await StatesAsync(customer, token);

        await AdvanceAsync(TimeSpan.FromDays(3.5));
        token = await customer.SignInAsync(email);
        using var lateRegistration = await customer.PostAsync("/api/me/certificates", Claim(future), token);
        var after = await StatesAsync(customer, token);

        Assert.Equal(("active", 2), before[shortLived.GetProperty("serial").GetString()!]);
        Assert.Equal(HttpStatusCode.Created, lateRegistration.StatusCode);
        Assert.Equal(("expired", 0), after[shortLived.GetProperty("serial").GetString()!]);
        Assert.Equal(("active", 97), after[future.GetProperty("serial").GetString()!]);
    }

    [Fact]
    public async Task The_expiry_reminders_go_out_30_and_7_days_before_once_each_even_when_the_timer_runs_twice()
    {
        var now = await _staff.NowAsync();
        var issued = await _staff.IssueAsync("cryptoguard-csp", "premium", now.AddDays(-300), now.AddDays(40));
        var (customer, email, token) = await CustomerAsync();
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsync("/api/me/certificates", Claim(issued), token)).StatusCode);
        var serial = issued.GetProperty("serial").GetString()!;

        await RunRemindersAsync();
        Assert.Empty(await RemindersAsync(email, serial));

        await AdvanceAsync(TimeSpan.FromDays(10) + TimeSpan.FromHours(1));
        await Task.WhenAll(RunRemindersAsync(), RunRemindersAsync());
        await RunRemindersAsync();
        var first = await _mail.WaitForAsync(email, serial);

        await AdvanceAsync(TimeSpan.FromDays(23));
        await RunRemindersAsync();
        await RunRemindersAsync();
        var second = await _mail.WaitForAsync(email, serial, 2);
        await RunRemindersAsync();
        await WaitForQueueToDrainAsync();

        Assert.Contains("30", first.Subject, StringComparison.Ordinal);
        Assert.Contains("7", second.Subject, StringComparison.Ordinal);
        Assert.Contains("CryptoGuard CSP", first.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await RemindersAsync(email, serial)).Count);
    }

    private async Task<IReadOnlyList<Mailbox.Message>> RemindersAsync(string email, string serial) =>
        (await _mail.ToAsync(email)).Where(m => m.Subject.Contains(serial, StringComparison.Ordinal)).ToList();

    private async Task RunRemindersAsync()
    {
        using var response = await _stack.Client.PostAsJsonAsync("/admin/functions/RemindExpiringCertificates", new { });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Every queued mail has been handled: nothing is left on the notifications queue.</summary>
    private Task WaitForQueueToDrainAsync() => _stack.DrainQueueAsync("notifications");

    private async Task AdvanceAsync(TimeSpan by)
    {
        using var response = await _stack.Client.PostAsJsonAsync("/admin/clock/advance", new { by = by.ToString("c") });
        response.EnsureSuccessStatusCode();
    }

    private async Task<(AccountsClient Client, string Email, string Token)> CustomerAsync()
    {
        var client = new AccountsClient(_stack);
        var email = AccountsClient.NewEmail("certs-time");
        return (client, email, await client.RegisterAsync(_mail, email));
    }

    private static async Task<Dictionary<string, (string State, int DaysLeft)>> StatesAsync(AccountsClient customer, string token)
    {
        using var response = await customer.SendAsync(HttpMethod.Get, "/api/me/certificates", token: token);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
        return items.EnumerateArray().ToDictionary(
            i => i.GetProperty("serial").GetString()!,
            i => (i.GetProperty("state").GetString()!, i.GetProperty("daysLeft").GetInt32()));
    }

    private static object Claim(JsonElement issued) =>
        new { serial = issued.GetProperty("serial").GetString(), activationCode = issued.GetProperty("activationCode").GetString() };
}
