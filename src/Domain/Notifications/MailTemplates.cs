using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportFunctions.Domain.Notifications;

/// <summary>
/// The product's mail texts in Russian and English. Placeholders <c>{name}</c> take the notification's values;
/// a missing value renders as nothing, never as the placeholder or a failure. Values are HTML-encoded in the HTML part.
/// Other capabilities add their templates with <see cref="Add"/> (or to the table below).
/// </summary>
public static partial class MailTemplates
{
    private sealed record Text(string Subject, string Body);

    private static readonly Dictionary<string, Dictionary<string, Text>> Templates = new(StringComparer.Ordinal)
    {
        ["account.verify"] = new()
        {
            ["ru"] = new("Подтвердите адрес электронной почты",
                "Здравствуйте, {name}!\n\nЧтобы завершить регистрацию в центре поддержки, подтвердите адрес по ссылке:\n{link}\n\nСсылка действует {hours} ч. Если вы не регистрировались, просто удалите это письмо."),
            ["en"] = new("Confirm your email address",
                "Hello {name},\n\nTo finish signing up for the support center, confirm your address:\n{link}\n\nThe link works for {hours} hours. If you did not sign up, ignore this mail."),
        },
        ["account.already_registered"] = new()
        {
            ["ru"] = new("Попытка регистрации с вашим адресом",
                "Здравствуйте, {name}!\n\nКто-то пытался зарегистрироваться в центре поддержки с этим адресом, но учётная запись с ним уже есть.\nВойти: {signInLink}\nЗабыли пароль? {resetLink}\n\nЕсли это были не вы, ничего делать не нужно."),
            ["en"] = new("Someone tried to sign up with your address",
                "Hello {name},\n\nSomeone tried to sign up for the support center with this address, but an account already uses it.\nSign in: {signInLink}\nForgot your password? {resetLink}\n\nIf it was not you, there is nothing to do."),
        },
        ["account.password_reset"] = new()
        {
            ["ru"] = new("Сброс пароля",
                "Здравствуйте, {name}!\n\nЧтобы задать новый пароль, откройте ссылку:\n{link}\n\nСсылка одноразовая и действует {minutes} мин. Если вы не просили сбросить пароль, удалите это письмо: пароль останется прежним."),
            ["en"] = new("Reset your password",
                "Hello {name},\n\nTo choose a new password, open this link:\n{link}\n\nThe link works once, for {minutes} minutes. If you did not ask for it, ignore this mail: your password stays as it is."),
        },
        ["account.invited"] = new()
        {
            ["ru"] = new("{partner} открыл для вас обращение в центре поддержки",
                "Здравствуйте, {name}!\n\n{partner} открыл от вашего имени обращение в центре поддержки и создал для вас учётную запись с этим адресом.\nЧтобы следить за обращением и отвечать на него, задайте пароль по ссылке:\n{link}\n\nСсылка одноразовая и действует {days} дн. Письма о ходе обращения будут приходить и без пароля."),
            ["en"] = new("{partner} opened a support request for you",
                "Hello {name},\n\n{partner} opened a support request on your behalf and created a support center account for this address.\nTo follow the request and answer it, choose a password:\n{link}\n\nThe link works once, for {days} days. Mail about the request reaches you with or without a password."),
        },
        ["partner.webhook_disabled"] = new()
        {
            ["ru"] = new("Вебхук {partner} отключён",
                "Здравствуйте!\n\nДоставка событий на {url} не удалась {failures} раз подряд (последняя причина: {reason}), поэтому вебхук отключён.\nИсправьте приёмник и заново задайте вебхук (PUT /api/partner/v1/webhook): доставка возобновится с новым секретом."),
            ["en"] = new("The {partner} webhook was disabled",
                "Hello,\n\nDelivering events to {url} failed {failures} times in a row (last reason: {reason}), so the webhook was disabled.\nFix the receiver and set the webhook again (PUT /api/partner/v1/webhook): deliveries resume, with a new secret."),
        },
        ["account.reset_unknown"] = new()
        {
            ["ru"] = new("Сброс пароля",
                "Здравствуйте!\n\nКто-то попросил сбросить пароль для этого адреса, но учётной записи с ним в центре поддержки нет.\nЗарегистрироваться можно здесь: {signInLink}\n\nЕсли это были не вы, ничего делать не нужно."),
            ["en"] = new("Password reset",
                "Hello,\n\nSomeone asked to reset the password for this address, but the support center has no account with it.\nYou can sign up here: {signInLink}\n\nIf it was not you, there is nothing to do."),
        },
        ["account.password_changed"] = new()
        {
            ["ru"] = new("Пароль изменён",
                "Здравствуйте, {name}!\n\nПароль вашей учётной записи изменён, остальные сеансы завершены. Если это были не вы, сразу сбросьте пароль и напишите нам."),
            ["en"] = new("Your password was changed",
                "Hello {name},\n\nThe password of your account was changed and your other sessions were ended. If it was not you, reset your password at once and contact us."),
        },
        ["account.email_change_confirm"] = new()
        {
            ["ru"] = new("Подтвердите новый адрес",
                "Здравствуйте, {name}!\n\nЧтобы сделать этот адрес адресом вашей учётной записи, откройте ссылку:\n{link}\n\nСертификаты и обращения останутся с учётной записью. Если вы этого не просили, удалите письмо."),
            ["en"] = new("Confirm your new address",
                "Hello {name},\n\nTo make this the address of your account, open this link:\n{link}\n\nYour certificates and tickets stay with the account. If you did not ask for this, ignore this mail."),
        },
        ["account.email_changed"] = new()
        {
            ["ru"] = new("Адрес учётной записи изменён",
                "Здравствуйте, {name}!\n\nАдрес вашей учётной записи изменён на {newEmail}. Письма теперь приходят туда. Если это были не вы, сразу напишите нам."),
            ["en"] = new("Your account's address was changed",
                "Hello {name},\n\nThe address of your account was changed to {newEmail}; mail now goes there. If it was not you, contact us at once."),
        },
        ["account.deleted"] = new()
        {
            ["ru"] = new("Учётная запись удалена",
                "Здравствуйте, {name}!\n\nВаша учётная запись в центре поддержки удалена вместе с личными данными. Спасибо, что были с нами."),
            ["en"] = new("Your account was deleted",
                "Hello {name},\n\nYour support center account and its personal data were deleted. Thank you for having been with us."),
        },
    };

    public static bool Exists(string template) => Templates.ContainsKey(template);

    /// <summary>Registers a template (subject and body per language) for another capability's mails.</summary>
    public static void Add(string template, string language, string subject, string body)
    {
        lock (Templates)
        {
            if (!Templates.TryGetValue(template, out var texts))
            {
                Templates[template] = texts = new Dictionary<string, Text>(StringComparer.Ordinal);
            }
            texts[language] = new Text(subject, body);
        }
    }

    /// <summary>Renders in the notification's language, Russian when it has no text in that language.</summary>
    /// <exception cref="KeyNotFoundException">No template has that name.</exception>
    public static OutgoingMail Render(Notification notification)
    {
        if (!Templates.TryGetValue(notification.Template, out var texts))
        {
            throw new KeyNotFoundException($"No mail template is named '{notification.Template}'.");
        }
        var text = texts.GetValueOrDefault(notification.Language) ?? texts.GetValueOrDefault("ru") ?? texts.Values.First();
        var values = notification.Values ?? new Dictionary<string, string>();
        var subject = Fill(text.Subject, values, encode: false).ReplaceLineEndings(" ");
        var plain = Fill(text.Body, values, encode: false);
        return new OutgoingMail(notification.Id, notification.Recipient, subject, plain, Html(notification.Language, subject, text.Body, values));
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool encode) =>
        Placeholder().Replace(template, match =>
        {
            var value = values.GetValueOrDefault(match.Groups[1].Value) ?? "";
            return encode ? WebUtility.HtmlEncode(value) : value;
        });

    private static string Html(string language, string subject, string body, IReadOnlyDictionary<string, string> values)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(language == "en" ? "en" : "ru").Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var paragraph in body.Split("\n\n"))
        {
            html.Append("<p>");
            var lines = paragraph.Split('\n').Select(line => Linkify(Fill(WebUtility.HtmlEncode(line), values, encode: true)));
            html.Append(string.Join("<br>", lines)).Append("</p>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>A line that is one http(s) address becomes a link (the address is already HTML-encoded).</summary>
    private static string Linkify(string line) =>
        Url().IsMatch(line) ? $"<a href=\"{line}\">{line}</a>" : line;

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^https?://\S+$")]
    private static partial Regex Url();
}
