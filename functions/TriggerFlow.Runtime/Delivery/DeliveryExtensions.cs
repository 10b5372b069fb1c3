namespace TriggerFlow.Runtime.Delivery;

/// <summary>The Delivery area's services and endpoints.</summary>
internal static class DeliveryExtensions
{
    public static IServiceCollection AddTriggerFlowDelivery(this IServiceCollection services) => services;
}
