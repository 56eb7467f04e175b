using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Partners;

namespace SupportFunctions.Functions.Partners;

public static class PartnerRegistration
{
    /// <summary>Partner records, the partner gate (identity and rate limit) and what partners may do.</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPartnerDirectory, TablePartnerDirectory>();
        services.AddSingleton<ManagePartners>();
        services.AddSingleton<PartnerAccess>();
        services.AddSingleton(provider => new PartnerRateLimit(
            configuration.GetValue(PartnerRateLimit.Setting, PartnerRateLimit.DefaultPerMinute), provider.GetRequiredService<WindowCounters>()));
        services.AddSingleton<PartnerGate>();
        services.AddSingleton<PartnerCertificates>();
        services.AddSingleton<PartnerTickets>();

        services.AddSingleton(WebhookOptionsFrom(configuration));
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<IWebhookSubscriptions, TableWebhookSubscriptions>();
        services.AddSingleton<IWebhookQueue, StorageWebhookQueue>();
        services.AddSingleton<IWebhookEventLog, TableWebhookEventLog>();
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddSingleton<ManageWebhook>();
        services.AddSingleton<DeliverWebhooks>();
        return services;
    }

    /// <summary>
    /// Section <c>Webhooks</c>: <c>RetryDelays</c> (comma-separated pauses), <c>DisableAfterFailures</c>, <c>Timeout</c>.
    /// Loopback targets are allowed only where the dev identity runs (the local stack), never by a setting.
    /// </summary>
    private static WebhookOptions WebhookOptionsFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection(WebhookOptions.Section);
        var options = new WebhookOptions { AllowLoopback = configuration.GetValue("DevIdentity:Enabled", false) };
        if (section["RetryDelays"] is { Length: > 0 } delays)
        {
            options.RetryDelays = delays.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(delay => TimeSpan.Parse(delay, CultureInfo.InvariantCulture)).ToArray();
        }
        options.DisableAfterFailures = section.GetValue("DisableAfterFailures", options.DisableAfterFailures);
        options.Timeout = section.GetValue("Timeout", options.Timeout);
        return options;
    }
}
