namespace ChatBot.Operations;

/// <summary>Why an operation could not be carried out.</summary>
public enum OperationFailure
{
    /// <summary>The request is malformed (a relative backup path, a missing user id).</summary>
    InvalidRequest = 1,

    /// <summary>The person or file does not exist.</summary>
    NotFound = 2,

    /// <summary>The operation would overwrite something or clash with the running bot.</summary>
    Conflict = 3,

    /// <summary>The running bot does not offer the operation (no retrainable recommender).</summary>
    NotAvailable = 4,
}

/// <summary>An expected failure of an operation, with a message for the operator that states what to do.</summary>
public sealed class OperationFailedException(OperationFailure failure, string message) : Exception(message)
{
    public OperationFailure Failure { get; } = failure;
}
