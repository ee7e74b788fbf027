using System.Threading;
using System.Threading.Tasks;

namespace PromptLint.Meter.Quotas;

/// <summary>
/// A quota store with work to do before its first answer can be fast (open the connection, load the scripts). The meter
/// runs it once, before the first reservation waits on the store, and <see cref="PromptLintChatClient.WarmUpAsync"/> runs
/// it at start-up for a host that wants the first request warm.
/// </summary>
public interface IQuotaStoreWarmUp
{
    /// <summary>Makes the store ready to answer; throws when it cannot be reached.</summary>
    Task WarmUpAsync(CancellationToken cancellationToken);
}
