namespace PerfFleet.Samples.SampleService.Api;

public sealed record Item(int Id, string Name, decimal Price);
