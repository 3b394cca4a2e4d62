// Load runs measure rates and latencies: running them side by side would make each one the
// other's noise on a 2-core machine, so the assembly's tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
