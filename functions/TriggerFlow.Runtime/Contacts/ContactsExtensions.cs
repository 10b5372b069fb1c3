namespace TriggerFlow.Runtime.Contacts;

/// <summary>The Contacts area: customers' push subscriptions (the endpoints and tokens push delivery reads).</summary>
internal static class ContactsExtensions
{
    public static IServiceCollection AddTriggerFlowContacts(this IServiceCollection services)
    {
        services.AddOptions<ContactsOptions>().BindConfiguration(ContactsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new PushSubscriptionReader(allowLoopbackHttp: sp.GetRequiredService<IHostEnvironment>().IsDevelopment()));
        return services;
    }

    public static WebApplication MapContactsApi(this WebApplication app)
    {
        app.MapPushSubscriptionsApi();
        return app;
    }
}
