using PerfFleet.LoadEngine.Stats;

namespace PerfFleet.LoadEngine.Tests.Running;

public sealed class EndpointNamerTests
{
    [Theory]
    [InlineData("GET", "/users/42", null, "GET /users/{id}")]
    [InlineData("GET", "/users/42/orders/7?expand=1", null, "GET /users/{id}/orders/{id}")]
    [InlineData("DELETE", "/items/3f2504e0-4f89-11d3-9a0c-0305e82c3301", null, "DELETE /items/{id}")]
    [InlineData("GET", "/blobs/0123456789abcdef0123", null, "GET /blobs/{id}")]
    [InlineData("GET", "/v2/health", null, "GET /v2/health")]
    [InlineData("POST", "/pkg.Service/Method", null, "POST /pkg.Service/Method")]
    [InlineData("GET", "/users/42", "user by id", "user by id")]
    public void Name_Payload_GivesTemplateOrOwnName(string method, string path, string? name, string expected)
    {
        Assert.Equal(expected, EndpointNamer.Name(method, path, name));
    }
}
