namespace PerfFleet.Samples.SampleService.Api;

/// <summary>The sample's small API: a catalogue of items and an order endpoint.</summary>
public static class SampleEndpoints
{
    private static readonly Item[] Catalogue = [.. Enumerable.Range(1, 50).Select(i => new Item(i, $"item-{i}", 1.5m * i))];

    public static void MapSampleApi(this IEndpointRouteBuilder app, SampleDelays delays, TimeProvider time)
    {
        app.MapGet("/api/items", async (CancellationToken ct) =>
        {
            await Task.Delay(delays.Items, time, ct);
            return Results.Ok(Catalogue);
        });

        app.MapGet("/api/items/{id:int}", async (int id, CancellationToken ct) =>
        {
            await Task.Delay(delays.Item, time, ct);
            return id is >= 1 and <= 50 ? Results.Ok(Catalogue[id - 1]) : Results.Problem($"no item {id}", statusCode: StatusCodes.Status404NotFound);
        });

        app.MapPost("/api/orders", async (Order order, CancellationToken ct) =>
        {
            await Task.Delay(delays.Orders, time, ct);
            if (order.Quantity <= 0 || order.ItemId is < 1 or > 50)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["order"] = ["itemId must be 1..50 and quantity above 0"] });
            }

            return Results.Created($"/api/orders/{Guid.NewGuid():N}", new { order.ItemId, order.Quantity, Total = Catalogue[order.ItemId - 1].Price * order.Quantity });
        });

        app.MapGet("/healthz", () => Results.Text("ok"));
    }
}
