using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PerfFleet.Coordinator.Storage.Entities;

namespace PerfFleet.Coordinator.Storage.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDeliveryEntity>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryEntity> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.Property(d => d.DeliveryId).IsRequired();
        builder.Property(d => d.Event).IsRequired();

        // X-GitHub-Delivery is the idempotency key: a redelivery collides here instead of scheduling twice.
        builder.HasIndex(d => d.DeliveryId).IsUnique().HasDatabaseName("ux_webhook_deliveries_delivery_id");
    }
}
