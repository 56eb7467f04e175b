using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Accounts;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.OpenApi;
using SupportFunctions.Functions.Operations;

namespace SupportFunctions.Functions.Accounts;

/// <summary>The customer account endpoints (API.md "Accounts"): parse, authenticate, call the use case, map.</summary>
public sealed class AccountFunctions(ApiPipeline pipeline, AccountService accounts, IEnumerable<IPersonalDataSection> personalData, IClock clock)
{
    [Function("SignUp")]
    [ApiOperation("Sign up", Description = "Always 202, whether or not the email is registered; a verification mail is sent.", Request = typeof(SignUpBody), Status = 202, Response = typeof(AcceptedView), Errors = [429])]
    public Task<IActionResult> SignUp([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var body = await call.ReadJsonAsync<SignUpBody>();
            await accounts.SignUpAsync(new SignUpInput(body.Email, body.Password, body.DisplayName, body.Language), call.ClientAddress, call.Aborted);
            return ApiResults.Accepted(AcceptedView.CheckYourMail);
        });

    [Function("VerifyEmail")]
    [ApiOperation("Verify the email from the mail's link", Request = typeof(TokenBody), Response = typeof(EmailVerifiedView))]
    public Task<IActionResult> VerifyEmail([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accounts/verify")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var body = await call.ReadJsonAsync<TokenBody>();
            var account = await accounts.VerifyAsync(body.Token, call.Aborted);
            return ApiResults.Ok(new EmailVerifiedView(true, account.Email));
        });

    [Function("SignIn")]
    [ApiOperation("Sign in", Description = "Also sets the HttpOnly session cookie and the readable CSRF cookie for the browser.", Request = typeof(SignInBody), Response = typeof(SessionView), Errors = [429])]
    public Task<IActionResult> SignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "session")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var body = await call.ReadJsonAsync<SignInBody>();
            var signedIn = await accounts.SignInAsync(body.Email, body.Password, call.ClientAddress, call.Aborted);
            var session = signedIn.Session;
            SetCookies(call.Request.HttpContext.Response, session.AccessToken, session.CsrfToken, session.Session.ExpiresAt);
            return ApiResults.Ok(new SessionView(session.AccessToken, "Bearer", session.Session.ExpiresAt, session.CsrfToken, AccountView.Of(signedIn.Account)))
                .WithHeader("Cache-Control", "no-store");
        });

    [Function("SignOut")]
    [ApiOperation("Sign out", Description = "Revokes the session, if one is sent, and clears the cookies.", Access = ApiAccess.OptionalCustomer, Status = 204)]
    public Task<IActionResult> SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "session")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            if (await call.CallerAsync() is Domain.Identity.CustomerCaller customer)
            {
                await accounts.SignOutAsync(customer, call.Aborted);
            }
            ClearCookies(call.Request.HttpContext.Response);
            return ApiResults.NoContent();
        });

    [Function("GetMe")]
    [ApiOperation("My account", Access = ApiAccess.Customer, Response = typeof(AccountView))]
    public Task<IActionResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
            ApiResults.Ok(AccountView.Of(await accounts.MeAsync(await call.RequireCustomerAsync(), call.Aborted))).WithHeader("Cache-Control", "no-store"));

    [Function("UpdateMe")]
    [ApiOperation("Change my profile and preferences", Access = ApiAccess.Customer, Request = typeof(ChangeBody), Response = typeof(AccountView))]
    public Task<IActionResult> UpdateMe([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "me")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var caller = await call.RequireCustomerAsync();
            var body = await call.ReadJsonAsync<ChangeBody>();
            var changes = new AccountChanges(body.DisplayName, body.Company, body.Phone, body.Language, body.TimeZone, body.Notifications);
            return ApiResults.Ok(AccountView.Of(await accounts.ChangeAsync(caller, changes, call.Aborted)));
        });

    [Function("DeleteMe")]
    [ApiOperation("Erase my account", Access = ApiAccess.Customer, Request = typeof(PasswordBody), Status = 202, Response = typeof(AcceptedView))]
    public Task<IActionResult> DeleteMe([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "me")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var caller = await call.RequireCustomerAsync();
            var body = await call.ReadJsonAsync<PasswordBody>();
            await accounts.DeleteAsync(caller, body.Password, call.Aborted);
            ClearCookies(call.Request.HttpContext.Response);
            return ApiResults.Accepted(new AcceptedView("deleted"));
        });

    [Function("ChangePassword")]
    [ApiOperation("Change my password", Description = "Other sessions are revoked.", Access = ApiAccess.Customer, Request = typeof(ChangePasswordBody), Status = 204, Errors = [429])]
    public Task<IActionResult> ChangePassword([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/password")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var caller = await call.RequireCustomerAsync();
            var body = await call.ReadJsonAsync<ChangePasswordBody>();
            await accounts.ChangePasswordAsync(caller, body.CurrentPassword, body.NewPassword, call.Aborted);
            return ApiResults.NoContent();
        });

    [Function("RequestEmailChange")]
    [ApiOperation("Change my email", Description = "Mails a confirmation link to the new address and tells the old one.", Access = ApiAccess.Customer, Request = typeof(EmailChangeBody), Status = 202, Response = typeof(AcceptedView), Errors = [409, 429])]
    public Task<IActionResult> RequestEmailChange([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/email")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var caller = await call.RequireCustomerAsync();
            var body = await call.ReadJsonAsync<EmailChangeBody>();
            await accounts.RequestEmailChangeAsync(caller, body.NewEmail, body.Password, call.Aborted);
            return ApiResults.Accepted(AcceptedView.CheckYourMail);
        });

    [Function("ConfirmEmailChange")]
    [ApiOperation("Confirm the new email from the mail's link", Description = "Every other session of the account ends.", Access = ApiAccess.OptionalCustomer, Request = typeof(TokenBody), Response = typeof(EmailChangedView), Errors = [409])]
    public Task<IActionResult> ConfirmEmailChange([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/email/confirm")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var body = await call.ReadJsonAsync<TokenBody>();
            var confirmer = await call.CallerAsync() as Domain.Identity.CustomerCaller;
            var account = await accounts.ConfirmEmailChangeAsync(body.Token, confirmer, call.Aborted);
            return ApiResults.Ok(new EmailChangedView(account.Id, account.Email));
        });

    [Function("RequestPasswordReset")]
    [ApiOperation("Ask for a password reset mail", Description = "Always 202, whether or not the email is registered.", Request = typeof(EmailBody), Status = 202, Response = typeof(AcceptedView), Errors = [429])]
    public Task<IActionResult> RequestPasswordReset([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "password-reset")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var body = await call.ReadJsonAsync<EmailBody>();
            await accounts.RequestPasswordResetAsync(body.Email, call.ClientAddress, call.Aborted);
            return ApiResults.Accepted(AcceptedView.CheckYourMail);
        });

    [Function("ConfirmPasswordReset")]
    [ApiOperation("Set a new password from the reset mail's link", Request = typeof(ResetBody), Status = 204)]
    public Task<IActionResult> ConfirmPasswordReset([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "password-reset/confirm")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var body = await call.ReadJsonAsync<ResetBody>();
            await accounts.ResetPasswordAsync(body.Token, body.NewPassword, call.Aborted);
            return ApiResults.NoContent();
        });

    [Function("ExportMe")]
    [ApiOperation("Everything held about me", Access = ApiAccess.Customer, Response = typeof(PersonalDataExport))]
    public Task<IActionResult> ExportMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/export")] HttpRequest request) =>
        pipeline.RunAsync(request, async call =>
        {
            var customer = await call.RequireCustomerAsync();
            var export = await accounts.ExportAsync(customer, call.Aborted);
            var document = new PersonalDataExport(clock.UtcNow, AccountView.Of(export.Account), export.Account.VerifiedAt,
                export.Sessions.Select(s => new ExportedSessionView(s.SessionId, s.CreatedAt, s.ExpiresAt)).ToList());
            foreach (var section in personalData)
            {
                document.Sections[section.Name] = await section.ExportAsync(customer, export.Account.Language, call.Aborted);
            }
            return ApiResults.Ok(document)
                .WithHeader("Cache-Control", "no-store")
                .WithHeader("Content-Disposition", "attachment; filename=\"account-export.json\"");
        });

    private static void SetCookies(HttpResponse response, string token, string csrf, DateTimeOffset expiresAt)
    {
        response.Cookies.Append(CustomerSessionSource.SessionCookie, token, new CookieOptions
        {
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/api", Expires = expiresAt, IsEssential = true,
        });
        response.Cookies.Append(CustomerSessionSource.CsrfCookie, csrf, new CookieOptions
        {
            HttpOnly = false, Secure = true, SameSite = SameSiteMode.Strict, Path = "/", Expires = expiresAt, IsEssential = true,
        });
    }

    private static void ClearCookies(HttpResponse response)
    {
        response.Cookies.Delete(CustomerSessionSource.SessionCookie, new CookieOptions { Path = "/api", Secure = true, SameSite = SameSiteMode.Strict });
        response.Cookies.Delete(CustomerSessionSource.CsrfCookie, new CookieOptions { Path = "/", Secure = true, SameSite = SameSiteMode.Strict });
    }

    private sealed record SignUpBody(string? Email, string? Password, string? DisplayName, string? Language);
    private sealed record SignInBody(string? Email, string? Password);
    private sealed record TokenBody(string? Token);
    private sealed record EmailBody(string? Email);
    private sealed record PasswordBody(string? Password);
    private sealed record ResetBody(string? Token, string? NewPassword);
    private sealed record ChangePasswordBody(string? CurrentPassword, string? NewPassword);
    private sealed record EmailChangeBody(string? NewEmail, string? Password);
    private sealed record ChangeBody(string? DisplayName, string? Company, string? Phone, string? Language, string? TimeZone, Dictionary<string, bool>? Notifications);
}

public sealed record AcceptedView(string Status)
{
    public static readonly AcceptedView CheckYourMail = new("check_your_mail");
}

public sealed record EmailVerifiedView(bool Verified, string Email);

public sealed record EmailChangedView(string Id, string Email);

public sealed record SessionView(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string CsrfToken, AccountView Account);

public sealed record ExportedSessionView(string SessionId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>Everything held about a customer: the account, its sessions, and one section per <see cref="IPersonalDataSection"/>.</summary>
public sealed record PersonalDataExport(
    DateTimeOffset ExportedAt,
    AccountView Account,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? VerifiedAt,
    IReadOnlyList<ExportedSessionView> Sessions)
{
    /// <summary>The sections by name, written beside the fields above.</summary>
    [JsonExtensionData]
    public Dictionary<string, object> Sections { get; } = [];
}

/// <summary>The account as the API shows it to its owner.</summary>
public sealed record AccountView(
    string Id, string Email, string DisplayName, string Language, string TimeZone, string? Company, string? Phone,
    IReadOnlyDictionary<string, bool> Notifications, DateTimeOffset CreatedAt)
{
    public static AccountView Of(Account account) => new(
        account.Id, account.Email, account.DisplayName, account.Language, account.TimeZone, account.Company, account.Phone,
        Account.OptionalMailCategories.ToDictionary(c => c, c => !account.MutedMail.Contains(c)), account.CreatedAt);
}
