using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SupportFunctions.IntegrationTests.Infrastructure;

namespace SupportFunctions.IntegrationTests.Accounts;

[Collection(StackCollection.Name)]
public sealed class AccountFlowTests(SharedStack shared) : IDisposable
{
    private readonly AccountsClient _api = new(shared.Stack);
    private readonly Mailbox _mail = new(shared.Stack.MailUi);

    public void Dispose() => _mail.Dispose();

    [Fact]
    public async Task Sign_up_verify_sign_in_and_change_email_keep_the_same_account()
    {
        var email = AccountsClient.NewEmail("Path");
        using (var signUp = await _api.PostAsync("/api/accounts", new { email = $"  {email.ToUpperInvariant()} ", password = AccountsClient.Password, displayName = "Анна", language = "en" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, signUp.StatusCode);
        }
        using (var early = await _api.PostAsync("/api/session", new { email, password = AccountsClient.Password }))
        {
            Assert.Equal("invalid_credentials", (await AccountsClient.ProblemAsync(early, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        }

        var verification = await _mail.WaitForAsync(email, "Confirm your email address");
        Assert.Contains("/verify?token=", verification.Text);
        using (var verify = await _api.PostAsync("/api/accounts/verify", new { token = Mailbox.TokenIn(verification) }))
        {
            Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        }
        var token = await _api.SignInAsync(email.ToUpperInvariant());
        var me = await _api.MeAsync(token);
        var id = me.GetProperty("id").GetString();
        Assert.Equal(email.ToLowerInvariant(), me.GetProperty("email").GetString());
        Assert.Equal("Анна", me.GetProperty("displayName").GetString());

        var newEmail = AccountsClient.NewEmail("moved");
        using (var change = await _api.PostAsync("/api/me/email", new { newEmail, password = AccountsClient.Password }, token))
        {
            Assert.Equal(HttpStatusCode.Accepted, change.StatusCode);
        }
        var confirmation = await _mail.WaitForAsync(newEmail, "Confirm your new address");
        using (var confirm = await _api.PostAsync("/api/me/email/confirm", new { token = Mailbox.TokenIn(confirmation) }))
        {
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        }
        var told = await _mail.WaitForAsync(email, "Your account's address was changed");
        Assert.Contains(newEmail, told.Text);

        using (var old = await _api.PostAsync("/api/session", new { email, password = AccountsClient.Password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        }
        var moved = await _api.MeAsync(await _api.SignInAsync(newEmail));
        Assert.Equal(id, moved.GetProperty("id").GetString());
        Assert.Equal(newEmail, moved.GetProperty("email").GetString());

        // The old address is free again: a new sign-up with it makes a different account.
        var again = await _api.MeAsync(await _api.RegisterAsync(_mail, email));
        Assert.NotEqual(id, again.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_password_reset_link_works_once_and_ends_every_session()
    {
        var email = AccountsClient.NewEmail("reset");
        var before = await _api.RegisterAsync(_mail, email);

        using (var ask = await _api.PostAsync("/api/password-reset", new { email }))
        {
            Assert.Equal(HttpStatusCode.Accepted, ask.StatusCode);
        }
        var token = Mailbox.TokenIn(await _mail.WaitForAsync(email, "Reset your password"));
        using (var weak = await _api.PostAsync("/api/password-reset/confirm", new { token, newPassword = "1234567890" }))
        {
            var problem = await AccountsClient.ProblemAsync(weak, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("newPassword", out _));
        }
        const string newPassword = "a much better passphrase 2026";
        using (var reset = await _api.PostAsync("/api/password-reset/confirm", new { token, newPassword }))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }
        using (var reused = await _api.PostAsync("/api/password-reset/confirm", new { token, newPassword = "yet another passphrase 2026" }))
        {
            Assert.Equal("token_invalid", (await AccountsClient.ProblemAsync(reused, (HttpStatusCode)422)).GetProperty("code").GetString());
        }
        using (var stale = await _api.SendAsync(HttpMethod.Get, "/api/me", token: before))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        }
        using (var oldPassword = await _api.PostAsync("/api/session", new { email, password = AccountsClient.Password }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        }
        await _api.MeAsync(await _api.SignInAsync(email, newPassword));
    }

    [Fact]
    public async Task Reset_and_sign_up_answer_the_same_for_unknown_and_registered_addresses()
    {
        var registered = AccountsClient.NewEmail("known");
        await _api.RegisterAsync(_mail, registered);
        var unknown = AccountsClient.NewEmail("unknown");

        foreach (var (path, body) in new (string, Func<string, object>)[]
        {
            ("/api/password-reset", e => new { email = e }),
            ("/api/accounts", e => new { email = e, password = "some other passphrase", displayName = "X", language = "en" }),
        })
        {
            using var known = await _api.PostAsync(path, body(registered));
            using var other = await _api.PostAsync(path, body(unknown));
            Assert.Equal(known.StatusCode, other.StatusCode);
            Assert.Equal(await known.Content.ReadAsStringAsync(), await other.Content.ReadAsStringAsync());
        }
        // The owner of the registered address is told, rather than the response.
        await _mail.WaitForAsync(registered, "Someone tried to sign up with your address");
        await _mail.WaitForAsync(unknown, "Сброс пароля");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_address_even_for_the_right_one()
    {
        var email = AccountsClient.NewEmail("locked");
        await _api.RegisterAsync(_mail, email);
        var attacker = new AccountsClient(shared.Stack);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await attacker.PostAsync("/api/session", new { email, password = $"wrong password {i}" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var locked = await _api.PostAsync("/api/session", new { email, password = AccountsClient.Password });
        Assert.Equal("too_many_requests", (await AccountsClient.ProblemAsync(locked, HttpStatusCode.TooManyRequests)).GetProperty("code").GetString());
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        var unknown = AccountsClient.NewEmail("nobody");
        HttpStatusCode last = default;
        for (var i = 0; i < 6; i++)
        {
            using var attempt = await attacker.PostAsync("/api/session", new { email = unknown, password = $"guess {i} guess" });
            last = attempt.StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
    }

    [Fact]
    public async Task Two_concurrent_sign_ups_with_one_email_make_one_account()
    {
        var email = AccountsClient.NewEmail("race");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => new AccountsClient(shared.Stack).PostAsync(
            "/api/accounts", new { email, password = $"{AccountsClient.Password} {i}", displayName = $"Racer {i}", language = "en" })));
        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));

        await _mail.WaitForAsync(email, "Confirm your email address");
        var accounts = new TableServiceClient(shared.Stack.StorageConnectionString).GetTableClient("accounts");
        var rows = await accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Email eq {email}")).ToListAsync();
        Assert.Single(rows);
        var claims = new TableServiceClient(shared.Stack.StorageConnectionString).GetTableClient("accountemails");
        var claim = await claims.GetEntityAsync<TableEntity>(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email))), "claim");
        Assert.Equal(rows[0].PartitionKey, claim.Value.GetString("AccountId"));
    }

    [Fact]
    public async Task Signing_out_revokes_the_token_at_once()
    {
        var token = await _api.RegisterAsync(_mail, AccountsClient.NewEmail("out"));
        await _api.MeAsync(token);

        using (var signOut = await _api.SendAsync(HttpMethod.Delete, "/api/session", token: token))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }
        using var after = await _api.SendAsync(HttpMethod.Get, "/api/me", token: token);
        Assert.Equal("session_invalid", (await AccountsClient.ProblemAsync(after, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_cookie_session_needs_the_csrf_token_for_changes()
    {
        var email = AccountsClient.NewEmail("cookie");
        await _api.RegisterAsync(_mail, email);
        using var signIn = await _api.PostAsync("/api/session", new { email, password = AccountsClient.Password });
        var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith("sf_session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase)
            && c.Contains("secure", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        var cookieHeader = string.Join("; ", cookies.Select(c => c.Split(';')[0]));
        var csrf = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
        var withCookie = new Dictionary<string, string> { ["Cookie"] = cookieHeader };

        using (var read = await _api.SendAsync(HttpMethod.Get, "/api/me", headers: withCookie))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }
        using (var forged = await _api.SendAsync(HttpMethod.Patch, "/api/me", "{\"displayName\":\"Forged\"}", headers: withCookie))
        {
            Assert.Equal("csrf_failed", (await AccountsClient.ProblemAsync(forged, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        }
        var withCsrf = new Dictionary<string, string>(withCookie) { ["X-CSRF-Token"] = csrf };
        using (var change = await _api.SendAsync(HttpMethod.Patch, "/api/me", "{\"displayName\":\"Renamed\"}", headers: withCsrf))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
            Assert.Equal("Renamed", (await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());
        }
    }

    [Fact]
    public async Task Profile_and_preferences_change_and_bad_values_change_nothing()
    {
        var token = await _api.RegisterAsync(_mail, AccountsClient.NewEmail("prefs"));
        using (var change = await _api.SendAsync(HttpMethod.Patch, "/api/me",
            """{"company":"ООО Ромашка","phone":"+7 495 123-45-67","language":"ru","timeZone":"Asia/Yekaterinburg","notifications":{"ticket_reply":false}}""", token))
        {
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        }
        using (var bad = await _api.SendAsync(HttpMethod.Patch, "/api/me",
            JsonSerializer.Serialize(new { company = new string('x', 201), timeZone = "Mars/Olympus", notifications = new { spam = true } }), token))
        {
            var errors = (await AccountsClient.ProblemAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("company", out _));
            Assert.True(errors.TryGetProperty("timeZone", out _));
        }
        var me = await _api.MeAsync(token);
        Assert.Equal("ООО Ромашка", me.GetProperty("company").GetString());
        Assert.Equal("Asia/Yekaterinburg", me.GetProperty("timeZone").GetString());
        Assert.Equal("ru", me.GetProperty("language").GetString());
        Assert.False(me.GetProperty("notifications").GetProperty("ticket_reply").GetBoolean());
        Assert.True(me.GetProperty("notifications").GetProperty("ticket_status").GetBoolean());
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_only()
    {
        var email = AccountsClient.NewEmail("pwd");
        var mine = await _api.RegisterAsync(_mail, email);
        var other = await _api.SignInAsync(email);

        using (var wrong = await _api.PostAsync("/api/me/password", new { currentPassword = "not my password", newPassword = "another good passphrase" }, mine))
        {
            Assert.Equal("wrong_password", (await AccountsClient.ProblemAsync(wrong, (HttpStatusCode)422)).GetProperty("code").GetString());
        }
        using (var change = await _api.PostAsync("/api/me/password", new { currentPassword = AccountsClient.Password, newPassword = "another good passphrase" }, mine))
        {
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        }
        await _api.MeAsync(mine);
        using var ended = await _api.SendAsync(HttpMethod.Get, "/api/me", token: other);
        Assert.Equal(HttpStatusCode.Unauthorized, ended.StatusCode);
        await _mail.WaitForAsync(email, "Your password was changed");
    }

    [Fact]
    public async Task Export_holds_the_account_and_deletion_erases_it()
    {
        var email = AccountsClient.NewEmail("bye");
        var token = await _api.RegisterAsync(_mail, email);
        using (var export = await _api.SendAsync(HttpMethod.Get, "/api/me/export", token: token))
        {
            var body = await export.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(email, body.GetProperty("account").GetProperty("email").GetString());
            Assert.Equal(1, body.GetProperty("sessions").GetArrayLength());
        }
        using (var refused = await _api.SendAsync(HttpMethod.Delete, "/api/me", """{"password":"not the password"}""", token))
        {
            Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        }
        using (var delete = await _api.SendAsync(HttpMethod.Delete, "/api/me", $$"""{"password":"{{AccountsClient.Password}}"}""", token))
        {
            Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        }
        await _mail.WaitForAsync(email, "Your account was deleted");
        using (var gone = await _api.SendAsync(HttpMethod.Get, "/api/me", token: token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, gone.StatusCode);
        }
        using var signIn = await _api.PostAsync("/api/session", new { email, password = AccountsClient.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Theory]
    [InlineData("{\"email\": ", "malformed_json")]
    [InlineData("{}", "validation_failed")]
    [InlineData("{\"email\":\"x@example.com\",\"password\":\"short\",\"displayName\":\"X\"}", "validation_failed")]
    [InlineData("{\"email\":\"not-an-address\",\"password\":\"long enough passphrase\",\"displayName\":\"X\"}", "validation_failed")]
    [InlineData("{\"email\":\"x@example.com\",\"password\":\"long enough passphrase\",\"displayName\":\"X\",\"language\":\"de\"}", "validation_failed")]
    public async Task Bad_sign_ups_are_refused_with_a_problem_and_create_nothing(string json, string code)
    {
        var email = AccountsClient.NewEmail("bad");
        using var response = await _api.SendAsync(HttpMethod.Post, "/api/accounts", json.Replace("x@example.com", email, StringComparison.Ordinal));

        Assert.Equal(code, (await AccountsClient.ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        var claims = new TableServiceClient(shared.Stack.StorageConnectionString).GetTableClient("accountemails");
        await claims.CreateIfNotExistsAsync();
        Assert.False((await claims.GetEntityIfExistsAsync<TableEntity>(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email))), "claim")).HasValue);
    }

    [Fact]
    public async Task Oversized_fields_and_bodies_are_refused()
    {
        var email = AccountsClient.NewEmail("big");
        using (var longName = await _api.PostAsync("/api/accounts", new { email, password = AccountsClient.Password, displayName = new string('я', 101) }))
        {
            var problem = await AccountsClient.ProblemAsync(longName, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("displayName", out _));
        }
        using (var longPassword = await _api.PostAsync("/api/accounts", new { email, password = new string('p', 200) + " " + new string('q', 56) + "x", displayName = "X" }))
        {
            var problem = await AccountsClient.ProblemAsync(longPassword, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
        }
        using var huge = await _api.PostAsync("/api/accounts", new { email, password = AccountsClient.Password, displayName = new string('x', 300_000) });
        await AccountsClient.ProblemAsync(huge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_used_verification_link_or_a_made_up_token_is_refused()
    {
        var email = AccountsClient.NewEmail("twice");
        await _api.RegisterAsync(_mail, email);
        var used = Mailbox.TokenIn(await _mail.WaitForAsync(email, "Confirm your email address"));

        foreach (var token in new[] { used, "made-up-token", "" })
        {
            using var response = await _api.PostAsync("/api/accounts/verify", new { token });
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or (HttpStatusCode)422, $"{token}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_jwt_bearer_token_is_not_mistaken_for_a_customer_session()
    {
        using var response = await _api.SendAsync(HttpMethod.Get, "/api/me", token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln");
        // The staff-token source owns JWTs: this unsigned one is refused as an invalid token, never as a customer session.
        Assert.Equal("invalid_token", (await AccountsClient.ProblemAsync(response, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        using var forged = await _api.SendAsync(HttpMethod.Get, "/api/me", token: $"sfc1.{new string('a', 32)}.{new string('b', 32)}.99999999999.bad");
        Assert.Equal("session_invalid", (await AccountsClient.ProblemAsync(forged, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
    }
}
