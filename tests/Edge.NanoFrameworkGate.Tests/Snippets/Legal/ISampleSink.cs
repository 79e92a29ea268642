namespace Snippets.Legal
{
    /// <summary>Receiver of samples (interfaces and non-generic delegates are fine).</summary>
    public interface ISampleSink
    {
        void Accept(ref CellSample sample);
    }
}
