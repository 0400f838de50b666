namespace Meetings.Api.Common.OpenApi;

/// <summary>
/// How operations are named in the OpenAPI document (and so in the generated client): after the use case (the request
/// type) they send. One use case served on two routes names its second route with a suffix declared here, so that each
/// operation id stays unique and still names its use case (tests/…/Platform/OpenApiDocumentTests checks both).
/// </summary>
public static class OperationIds
{
    /// <summary>The suffix of a keyed use case's route through a personal link (<c>/rsvp/{token}/…</c>).</summary>
    public const string ByLinkSuffix = "ByLink";

    /// <summary>Every suffix an operation id may add to its use case's name.</summary>
    public static readonly IReadOnlyList<string> Suffixes = [ByLinkSuffix];

    /// <summary>The operation id of use case <paramref name="useCase"/>'s route through a personal link: <c>GetDossierPdfByLink</c>.</summary>
    public static string ByLink(string useCase) => useCase + ByLinkSuffix;
}
