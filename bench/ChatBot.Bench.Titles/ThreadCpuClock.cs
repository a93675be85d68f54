using System.Runtime.InteropServices;

namespace ChatBot.Bench.Titles;

/// <summary>
/// Reads the CPU time the calling thread has used, through Linux's clock_gettime(CLOCK_THREAD_CPUTIME_ID). Unlike
/// wall time it leaves out the time the thread waited while other processes ran, which on a shared machine is most
/// of the spread between runs.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Gets whether the clock can be read on this system.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Returns the calling thread's CPU time in microseconds, or 0 when the clock cannot be read.</summary>
    public static double NowMicroseconds() => IsAvailable && TryRead(out var value) ? value : 0;

    private static bool TryRead(out double microseconds)
    {
        microseconds = 0;
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return false;
        }

        microseconds = (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
