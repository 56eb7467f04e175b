using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SupportFunctions.Domain.Notifications;

namespace SupportFunctions.Functions.Notifications;

/// <summary>Sends over SMTP with MailKit (locally into smtp4dev). The Message-Id names the notification, so a rare resend is recognisable.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new InvalidOperationException("Mail:Smtp:Host is not set.");
        }
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            MessageId = $"{mail.IdempotencyKey}@support-functions",
            Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(mail.To));

        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(settings.Host, settings.Port, Security(settings.Security), cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static SecureSocketOptions Security(string value) => value.ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "tls" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
