using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SupportFunctions.Domain.Common;
using SupportFunctions.Domain.Notifications;
using SupportFunctions.Domain.Operations;
using SupportFunctions.Functions.Certificates;
using SupportFunctions.Functions.Http;
using SupportFunctions.Functions.Identity;
using SupportFunctions.Functions.Notifications;
using SupportFunctions.Functions.Operations;
using SupportFunctions.Functions.Storage;

namespace SupportFunctions.Functions;

/// <summary>
/// Everything the app registers, called by Program (the Functions host) and by the DevHost alike,
/// so both run the same services. Each capability adds its own Add* method here.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddSupportFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddSingleton<IClock, SystemClock>();
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<TimerRunner>();

        services.AddStorage(configuration);
        services.AddOperations();
        services.AddNotifications();
        services.AddStaffIdentity(configuration);
        services.AddCertificates(configuration);
        return services;
    }

    private static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StorageRoundTrips>();
        services.AddSingleton(provider => new StorageClients(configuration, provider.GetRequiredService<StorageRoundTrips>()));
        services.AddSingleton<IStorageProbe>(provider =>
            new StorageProbe(new StorageClients(configuration, new StorageRoundTrips(), forProbe: true)));
        services.AddSingleton<ExpiryIndex>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<IThrottle, TableThrottle>();
        return services;
    }

    private static IServiceCollection AddOperations(this IServiceCollection services)
    {
        var version = typeof(ServiceRegistration).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        services.AddSingleton(provider => new CheckHealth(provider.GetRequiredService<IStorageProbe>(), version));
        services.AddSingleton<DemoData>();
        return services;
    }

    /// <summary>Entra ID tokens for staff and partners; the dev identity's tokens on the local stack only.</summary>
    private static IServiceCollection AddStaffIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        DevIdentity.EnsureLocal(configuration);
        if (DevIdentity.IsEnabled(configuration))
        {
            services.AddSingleton<DevIdentity>();
            services.AddSingleton(provider => provider.GetRequiredService<DevIdentity>().Trust());
        }
        if (EntraSettings.From(configuration) is { } entra)
        {
            services.AddSingleton(provider => TokenTrust.ForEntra(entra, new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, provider.GetRequiredService<IClock>()));
        }
        services.AddSingleton<ICallerSource, TokenCallerSource>();
        return services;
    }

    private static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<INotificationQueue, NotificationQueue>();
        services.AddSingleton<INotificationDelivery, UnconfiguredDelivery>();
        return services;
    }
}

/// <summary>Until a mail sender is configured, every notification stays queued and ends in the poison queue.</summary>
internal sealed class UnconfiguredDelivery : INotificationDelivery
{
    public Task DeliverAsync(Notification notification, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("No mail sender is configured.");
}
