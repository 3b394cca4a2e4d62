using PerfFleet.Bench.Transport;

// transport-bench server                                  -> prints "LISTENING <port>", runs until SIGTERM
// transport-bench client <port> unary|stream <seconds> <concurrency>  -> prints one JSON result line
return args switch
{
    ["server"] => await BenchServer.RunAsync(),
    ["client", var port, var mode, var seconds, var concurrency] => await BenchClient.RunAsync(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), mode, int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: TransportBench server | client <port> unary|stream <seconds> <concurrency>");
    return 2;
}
