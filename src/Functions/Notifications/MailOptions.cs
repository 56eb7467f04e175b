namespace SupportFunctions.Functions.Notifications;

/// <summary>Settings under <c>Mail</c>: which sender, and how to reach it.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary><c>smtp</c> (MailKit) or <c>acs</c> (Azure Communication Services Email).</summary>
    public string Sender { get; set; } = "smtp";

    public SmtpOptions Smtp { get; set; } = new();
    public AcsOptions Acs { get; set; } = new();

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        public string From { get; set; } = "Support Center <support@localhost>";

        /// <summary><c>auto</c>, <c>none</c>, <c>starttls</c> or <c>tls</c>.</summary>
        public string Security { get; set; } = "auto";
        public string? UserName { get; set; }
        public string? Password { get; set; }
    }

    public sealed class AcsOptions
    {
        /// <summary>The Communication Services endpoint, e.g. https://name.communication.azure.com.</summary>
        public string? Endpoint { get; set; }

        /// <summary>The verified sender address, e.g. DoNotReply@xxxx.azurecomm.net.</summary>
        public string? SenderAddress { get; set; }

        /// <summary>Base64 access key (HMAC). Leave empty in Azure: the managed identity is used instead.</summary>
        public string? AccessKey { get; set; }

        /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
        public string? ManagedIdentityClientId { get; set; }
    }
}
