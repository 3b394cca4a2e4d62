using Google.Protobuf.WellKnownTypes;
using PerfFleet.Contracts.V1;

namespace PerfFleet.Runs.Pipeline;

/// <summary>
/// The outcome of a run: its final state and whatever results it got to. A paired run's summary,
/// queries and resources are those of its last test-commit repetition (so the run page has charts);
/// every repetition, that one included, is in <see cref="Repetitions"/>.
/// </summary>
public sealed record RunResult(
    string TestId,
    int Attempt,
    TestStatus Status,
    string Reason,
    LoadSummary? Summary,
    IReadOnlyList<QueryResult> Queries,
    IReadOnlyList<ResourceSeries> Resources,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    IReadOnlyList<Repetition> Repetitions,
    long CommitSequence = 0)
{
    /// <summary>
    /// The ReportResults stream: header, summary, each query, each resource series, each
    /// repetition of a paired run (one chunk each), final.
    /// </summary>
    public IEnumerable<ResultChunk> ToChunks(long epoch, string workerId)
    {
        yield return new ResultChunk
        {
            Header = new ResultHeader { TestId = TestId, Attempt = Attempt, Epoch = epoch, WorkerId = workerId, StartedAt = Timestamp.FromDateTimeOffset(StartedAt), CommitSequence = CommitSequence },
        };
        if (Summary is not null)
        {
            yield return new ResultChunk { Summary = Summary };
        }

        foreach (var query in Queries)
        {
            yield return new ResultChunk { Query = query };
        }

        foreach (var resources in Resources)
        {
            yield return new ResultChunk { Resources = resources };
        }

        foreach (var repetition in Repetitions)
        {
            yield return new ResultChunk { Repetition = repetition };
        }

        yield return new ResultChunk
        {
            Final = new ResultFinal { Status = Status, Reason = Reason, FinishedAt = Timestamp.FromDateTimeOffset(FinishedAt) },
        };
    }
}
