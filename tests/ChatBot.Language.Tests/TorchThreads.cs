namespace ChatBot.Language.Tests;

/// <summary>Keeps TorchSharp on one intra-op thread: tiny test models gain nothing from more, and on a busy machine extra threads wait on each other.</summary>
internal static class TorchThreads
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        TorchSharp.torch.set_num_threads(1);
        return true;
    });

    public static void UseOne() => _ = Applied.Value;
}
