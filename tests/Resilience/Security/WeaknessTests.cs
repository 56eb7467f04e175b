using System.Net.Http.Json;
using System.Text.Json;
using SupportFunctions.IntegrationTests.Infrastructure;
using SupportFunctions.IntegrationTests.Tickets;

namespace SupportFunctions.Resilience.Security;

/// <summary>The weaknesses found by trying the landed product as an attacker would, each shown closed.</summary>
[Collection(SecurityCollection.Name)]
public sealed class WeaknessTests(SecurityStack fixture)
{
    private readonly LocalStack _stack = fixture.Stack;
    private readonly People _people = new(fixture.Stack);

    [Theory]
    [InlineData("\u0441")] // Cyrillic «с» for the Latin «c» that starts the address
    [InlineData("\u03f2")] // Greek lunate sigma «ϲ»
    public async Task An_address_that_differs_by_a_look_alike_letter_is_refused(string firstLetter)
    {
        var customer = await _people.CustomerAsync();

        var (status, text, response) = await SignUpAsync(firstLetter + customer.Email[1..]);

        Assert.Equal(400, status);
        Assert.Equal("validation_failed", Http.ProblemCode(response, text));
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task A_full_width_look_alike_is_the_same_address_so_no_second_account_can_sign_in()
    {
        var customer = await _people.CustomerAsync();
        var lookAlike = "\uff43" + customer.Email[1..];

        var (status, _, _) = await SignUpAsync(lookAlike);
        var (signIn, _, _) = await Http.SendAsync(_stack.Client, HttpMethod.Post, "/api/session",
            JsonSerializer.Serialize(new { email = lookAlike, password = ImpostorPassword }),
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "10.77.0.3" });

        Assert.Equal(202, status);
        Assert.Equal(401, signIn);
    }

    private const string ImpostorPassword = "Impostor-password-42";

    private Task<(int Status, string Text, HttpResponseMessage Response)> SignUpAsync(string email) =>
        Http.SendAsync(_stack.Client, HttpMethod.Post, "/api/accounts",
            JsonSerializer.Serialize(new { email, password = ImpostorPassword, displayName = "Impostor", language = "en" }),
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = $"10.77.1.{Random.Shared.Next(1, 255)}" });

    [Fact]
    public async Task Confirming_an_email_change_ends_every_other_session_of_the_account()
    {
        var customer = await _people.CustomerAsync();
        using var otherDevice = await _people.SignInAsync(customer.Email);
        var newEmail = $"moved{Guid.NewGuid():N}@example.test";
        using (var request = await customer.Client.PostAsJsonAsync("/api/me/email", new { newEmail, password = People.Password }))
        {
            Assert.Equal(202, (int)request.StatusCode);
        }
        var token = await Eventually.ValueAsync(() => _people.TokenMailedToAsync(newEmail), TimeSpan.FromSeconds(30), () => "no confirmation mail");

        using (var confirm = await customer.Client.PostAsJsonAsync("/api/me/email/confirm", new { token }))
        {
            Assert.Equal(200, (int)confirm.StatusCode);
        }

        using var confirming = await customer.Client.GetAsync("/api/me");
        using var other = await otherDevice.GetAsync("/api/me");
        Assert.Equal(200, (int)confirming.StatusCode);
        Assert.Equal(401, (int)other.StatusCode);
    }

    [Fact]
    public async Task A_sign_in_body_naming_the_password_twice_is_refused_even_when_the_last_one_is_right()
    {
        var customer = await _people.CustomerAsync();
        var body = $$"""{"email": "{{customer.Email}}", "password": "wrong-password-1", "password": "{{People.Password}}"}""";

        var (status, text, response) = await Http.SendAsync(_stack.Client, HttpMethod.Post, "/api/session", body,
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "10.77.0.2" });

        Assert.Equal(400, status);
        Assert.Equal("malformed_json", Http.ProblemCode(response, text));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out _));
    }

    [Fact]
    public async Task An_upload_slot_asked_for_twice_with_one_Idempotency_Key_is_one_slot_and_another_body_is_refused()
    {
        var customer = await _people.CustomerAsync();
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(new { fileName = "screen.png", contentType = "image/png", size = 2048 });
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = key };

        var (first, firstText, _) = await Http.SendAsync(customer.Client, HttpMethod.Post, "/api/uploads", body, headers: headers);
        var (again, againText, againResponse) = await Http.SendAsync(customer.Client, HttpMethod.Post, "/api/uploads", body, headers: headers);
        var (other, otherText, otherResponse) = await Http.SendAsync(customer.Client, HttpMethod.Post, "/api/uploads",
            JsonSerializer.Serialize(new { fileName = "other.png", contentType = "image/png", size = 4096 }), headers: headers);

        Assert.Equal(201, first);
        Assert.Equal(201, again);
        Assert.Equal(UploadId(firstText), UploadId(againText));
        Assert.Equal("true", againResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(422, other);
        Assert.Equal("idempotency_key_reused", Http.ProblemCode(otherResponse, otherText));
    }

    private static string UploadId(string json) => JsonDocument.Parse(json).RootElement.GetProperty("uploadId").GetString()!;
}
