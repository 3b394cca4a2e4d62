namespace PerfFleet.Samples.SampleService.Api;

public sealed record Order(int ItemId, int Quantity);
