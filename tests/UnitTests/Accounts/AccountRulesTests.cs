using SupportFunctions.Domain.Accounts;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Functions.Accounts;

namespace SupportFunctions.UnitTests.Accounts;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("  Anna@Example.COM ", "anna@example.com")]
    [InlineData("ANNA.B+desk@mail.example.ru", "anna.b+desk@mail.example.ru")]
    public void Addresses_are_trimmed_and_compared_case_insensitively(string typed, string stored) =>
        Assert.Equal(stored, EmailAddress.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@example.com")]
    [InlineData("anna@example")]
    [InlineData("an na@example.com")]
    [InlineData("anna@@example.com")]
    [InlineData("anna@example..com")]
    [InlineData("<anna@example.com>")]
    public void Implausible_addresses_are_refused(string? typed) =>
        Assert.Null(EmailAddress.Normalize(typed));

    [Theory]
    [InlineData("сustomer@example.com")] // Cyrillic «с» for Latin «c»
    [InlineData("customer@exаmple.com")] // Cyrillic «а» in the domain
    [InlineData("асе@example.com")] // «асе»: every letter has a Latin twin
    [InlineData("custοmer@example.com")] // Greek omicron
    [InlineData("customer​@example.com")] // zero-width space
    [InlineData("‮customer@example.com")] // right-to-left override
    public void An_address_that_could_pass_for_another_is_refused(string typed) =>
        Assert.Null(EmailAddress.Normalize(typed));

    [Theory]
    [InlineData("иван.петров@почта.рф", "иван.петров@почта.рф")]
    [InlineData("ivan@пример.рф", "ivan@пример.рф")]
    [InlineData("ｃustomer@example.com", "customer@example.com")] // a full-width «ｃ» is folded to «c»
    public void Addresses_in_one_script_per_part_are_kept_and_compatibility_forms_folded(string typed, string stored) =>
        Assert.Equal(stored, EmailAddress.Normalize(typed));

    [Fact]
    public void An_address_longer_than_254_characters_is_refused() =>
        Assert.Null(EmailAddress.Normalize(new string('a', 60) + "@" + new string('b', 190) + ".com"));
}

public sealed class PasswordPolicyTests
{
    [Fact]
    public void A_long_uncommon_password_is_accepted() =>
        Assert.Empty(PasswordPolicy.Problems("correct horse battery staple"));

    [Theory]
    [InlineData("short pw")]
    [InlineData("123456789")]
    public void Fewer_than_ten_characters_are_refused(string password) =>
        Assert.Contains(PasswordPolicy.Problems(password), p => p.Contains("At least 10", StringComparison.Ordinal));

    [Fact]
    public void More_than_256_characters_are_refused_not_truncated()
    {
        var longest = string.Concat(Enumerable.Repeat("abcd", 64));
        Assert.Empty(PasswordPolicy.Problems(longest));
        Assert.Contains(PasswordPolicy.Problems(longest + "e"), p => p.Contains("At most 256", StringComparison.Ordinal));
    }

    [Fact]
    public void Spaces_count_as_typed()
    {
        Assert.NotEmpty(PasswordPolicy.Problems("  abc def  "[..9]));
        Assert.Empty(PasswordPolicy.Problems(" my pass phrase "));
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("Password123")]
    [InlineData("qwertyuiop")]
    [InlineData("йцукенгшщз")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("abababababab")]
    public void Common_passwords_are_refused(string password) =>
        Assert.Contains(PasswordPolicy.Problems(password), p => p.Contains("too common", StringComparison.Ordinal));

    [Fact]
    public void The_own_email_is_refused_as_password() =>
        Assert.NotEmpty(PasswordPolicy.Problems("anna@example.com", "anna@example.com"));
}

public sealed class AccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);

    private static Account NewAccount() => Account.Register(Guid.NewGuid().ToString("N"), "anna@example.com", " Anna ", "ru", "hash", Now);

    [Fact]
    public void A_new_account_is_unverified_until_verified()
    {
        var account = NewAccount();
        Assert.False(account.IsVerified);
        Assert.Equal("Anna", account.DisplayName);
        account.Verify(Now);
        Assert.Equal(Now, account.VerifiedAt);
    }

    [Fact]
    public void A_password_or_email_change_invalidates_earlier_tokens_by_a_new_stamp()
    {
        var account = NewAccount();
        var stamp = account.SecurityStamp;
        account.ChangePassword("other");
        Assert.NotEqual(stamp, account.SecurityStamp);
        stamp = account.SecurityStamp;
        account.ChangeEmail("new@example.com", Now);
        Assert.NotEqual(stamp, account.SecurityStamp);
        Assert.Equal("new@example.com", account.Email);
    }

    [Fact]
    public void An_erased_account_keeps_nothing_personal_and_refuses_changes()
    {
        var account = NewAccount();
        account.ChangeProfile(null, "Company", "+7 495 000");
        account.Erase(Now);

        Assert.Equal("", account.Email);
        Assert.Equal("", account.DisplayName);
        Assert.Null(account.Company);
        Assert.Null(account.Phone);
        Assert.Equal("", account.PasswordHash);
        var refused = Assert.Throws<DomainException>(() => account.ChangeProfile("New", null, null));
        Assert.Equal(FailureKind.NotFound, refused.Kind);
    }

    [Fact]
    public void Muting_a_category_mutes_its_templates_only()
    {
        var account = NewAccount();
        account.ChangePreferences(null, null, new Dictionary<string, bool> { ["ticket_reply"] = false });

        Assert.True(account.Mutes("ticket_reply"));
        Assert.True(account.Mutes("ticket_reply.staff"));
        Assert.False(account.Mutes("ticket_status"));
        Assert.False(account.Mutes("ticket_replyx"));

        account.ChangePreferences(null, null, new Dictionary<string, bool> { ["ticket_reply"] = true });
        Assert.False(account.Mutes("ticket_reply"));
    }

    [Fact]
    public void Account_mails_are_security_mails_that_no_preference_mutes()
    {
        Assert.True(AccountMail.IsSecurityMail(AccountMail.PasswordReset));
        Assert.True(AccountMail.IsSecurityMail(AccountMail.EmailChanged));
        Assert.False(AccountMail.IsSecurityMail("ticket_status"));
    }
}

public sealed class TokenTests
{
    [Fact]
    public void Mailed_tokens_are_random_and_url_safe()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => Keys.RandomToken()).ToList();
        Assert.Equal(100, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.Matches("^[A-Za-z0-9_-]{43}$", t));
    }

    [Fact]
    public void The_password_hasher_accepts_the_password_and_nothing_else()
    {
        var hashing = new IdentityPasswordHashing();
        var hash = hashing.Hash("correct horse battery staple");

        Assert.NotEqual("correct horse battery staple", hash);
        Assert.True(hashing.Verify(hash, "correct horse battery staple"));
        Assert.False(hashing.Verify(hash, "correct horse battery staple "));
        Assert.False(hashing.Verify(hash, "Correct horse battery staple"));
        Assert.False(hashing.Verify("not a hash", "anything at all"));
    }

    [Fact]
    public void Links_carry_the_token_as_a_query_parameter()
    {
        var link = AccountMail.Link(new AccountSettings { BaseUrl = "https://support.example.com/" }, "/verify", "a+b/c");
        Assert.Equal("https://support.example.com/verify?token=a%2Bb%2Fc", link);
    }
}

public sealed class MailTemplateTests
{
    [Fact]
    public void Every_account_template_renders_in_both_languages_with_values_in_place()
    {
        foreach (var template in new[] { AccountMail.Verify, AccountMail.AlreadyRegistered, AccountMail.PasswordReset, AccountMail.ResetUnknown,
                     AccountMail.PasswordChanged, AccountMail.EmailChangeConfirm, AccountMail.EmailChanged, AccountMail.Deleted })
        {
            foreach (var language in new[] { "ru", "en" })
            {
                var mail = MailTemplates.Render(new Notification("id", template, "a@example.com", language,
                    new Dictionary<string, string> { ["name"] = "Anna", ["link"] = "https://x.example/verify?token=t" }));
                Assert.False(string.IsNullOrWhiteSpace(mail.Subject));
                Assert.DoesNotMatch(@"\{\w+\}", mail.Text);
                Assert.Contains("<html lang=\"" + language + "\"", mail.Html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Values_are_encoded_in_html_and_links_become_anchors()
    {
        var mail = MailTemplates.Render(new Notification("id", AccountMail.Verify, "a@example.com", "en",
            new Dictionary<string, string> { ["name"] = "<script>x</script>", ["link"] = "https://x.example/verify?token=a&b" }));

        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://x.example/verify?token=a&amp;b\">", mail.Html, StringComparison.Ordinal);
        Assert.Contains("<script>x</script>", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_language_falls_back_to_russian_and_an_unknown_template_is_an_error()
    {
        Assert.Equal("Пароль изменён", MailTemplates.Render(new Notification("id", AccountMail.PasswordChanged, "a@example.com", "de", new Dictionary<string, string>())).Subject);
        Assert.Throws<KeyNotFoundException>(() => MailTemplates.Render(new Notification("id", "no.such", "a@example.com", "ru", new Dictionary<string, string>())));
    }
}
