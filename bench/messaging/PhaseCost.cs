using System.Diagnostics;
using System.Runtime;

namespace Concordat.Bench.Messaging;

/// <summary>
/// What a phase cost: the machine's CPU by process (<see cref="CpuMeter"/>), and this process's own CPU time,
/// allocations and JIT compilations. Per event, the process's CPU and allocations compare the paths' own work
/// even when other processes disturb the timings; the JIT count tells when warm-up is over.
/// </summary>
internal sealed record PhaseCost(CpuUse? Machine, TimeSpan ProcessorTime, long AllocatedBytes, long JitCompiledMethods)
{
    public static async Task<(T Result, PhaseCost Cost)> MeasureAsync<T>(Func<Task<T>> phase)
    {
        var machine = CpuMeter.Take();
        var processor = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var compiled = JitInfo.GetCompiledMethodCount();
        var result = await phase();
        return (result, new PhaseCost(
            CpuMeter.Between(machine, CpuMeter.Take()),
            Process.GetCurrentProcess().TotalProcessorTime - processor,
            GC.GetTotalAllocatedBytes() - allocated,
            JitInfo.GetCompiledMethodCount() - compiled));
    }

    public static PhaseCost operator +(PhaseCost? a, PhaseCost b) => a is null
        ? b
        : new PhaseCost(
            a.Machine is null || b.Machine is null ? null : a.Machine + b.Machine,
            a.ProcessorTime + b.ProcessorTime,
            a.AllocatedBytes + b.AllocatedBytes,
            a.JitCompiledMethods + b.JitCompiledMethods);

    /// <summary>"1.9 ms CPU, 240 KB allocated" per event in this process.</summary>
    public string PerEvent(int events) =>
        $"{ProcessorTime.TotalMilliseconds / events:0.00} ms CPU, {AllocatedBytes / 1024.0 / events:0} KB allocated";
}
