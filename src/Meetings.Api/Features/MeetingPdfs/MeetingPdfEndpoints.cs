using MediatR;
using Meetings.Api.Auth;
using Meetings.Api.Common;
using Meetings.Api.Common.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Meetings.Api.Features.MeetingPdfs;

/// <summary>
/// The PDFs of a meeting for the city's e-file: Einladung, Ergebnisprotokoll and Sitzungsmappe, by key under
/// /api/meetings/{id} and by the personal link under /rsvp/{token}. <c>application/pdf</c>, saved as
/// <c>Content-Disposition: attachment</c> with an RFC 6266 <c>filename*</c> (umlauts kept).
/// </summary>
internal static class MeetingPdfEndpoints
{
    private const string Pdf = "application/pdf";

    public static IEndpointRouteBuilder MapMeetingPdfs(this IEndpointRouteBuilder app)
    {
        var byKey = app.MapGroup("/api/meetings/{id}").WithTags("Meetings")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        File(byKey.MapGet("/invitation.pdf", Invitation).WithName(nameof(GetInvitationPdf)).RequireAuthorization(Policies.AnyKey));
        File(byKey.MapGet("/minutes.pdf", Minutes).WithName(nameof(GetMinutesPdf)).RequireAuthorization(Policies.AdminOrDepartment)
            .ProducesProblem(StatusCodes.Status409Conflict));
        File(byKey.MapGet("/dossier.pdf", Dossier).WithName(nameof(GetDossierPdf)).RequireAuthorization(Policies.AnyKey));

        var byLink = app.MapGroup("/rsvp/{token}").WithTags("Answers").AllowAnonymous().WithPersonalLinkLimits()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        File(byLink.MapGet("/invitation.pdf", InvitationByLink).WithName(OperationIds.ByLink(nameof(GetInvitationPdf))));
        File(byLink.MapGet("/minutes.pdf", MinutesByLink).WithName(OperationIds.ByLink(nameof(GetMinutesPdf))));
        File(byLink.MapGet("/dossier.pdf", DossierByLink).WithName(OperationIds.ByLink(nameof(GetDossierPdf))));
        return app;
    }

    private static void File(RouteHandlerBuilder endpoint) => endpoint.Produces<Stream>(StatusCodes.Status200OK, Pdf);

    /// <summary>The Einladung as PDF: title, motto, day and time, place, the agenda with times and presenters, guest speakers, the documents.</summary>
    /// <remarks>Any key that may read the meeting (a draft: the office only, else 404).</remarks>
    private static async Task<FileStreamHttpResult> Invitation(IMediator mediator, Guid id, CancellationToken ct) =>
        Send(await mediator.Send(new GetInvitationPdf(MeetingPdfAccess.ByKey(id)), ct));

    /// <summary>The Ergebnisprotokoll as approved, as PDF, with its version: keeper, attendees and absentees, entries by agenda item, tasks by department, carried-over tasks.</summary>
    /// <remarks>
    /// The office: 404 while there are no minutes, 409 while they are a draft. A department key: approved minutes of a
    /// meeting its department was invited to (else 404).
    /// </remarks>
    private static async Task<FileStreamHttpResult> Minutes(IMediator mediator, Guid id, CancellationToken ct) =>
        Send(await mediator.Send(new GetMinutesPdf(MeetingPdfAccess.ByKey(id)), ct));

    /// <summary>The Sitzungsmappe as PDF: the Einladung, then every PDF document of audience invitees in agenda order, with bookmarks and page numbers.</summary>
    /// <remarks>Read as the Einladung. A document that cannot be merged (broken, encrypted) is a page that says so.</remarks>
    private static async Task<FileStreamHttpResult> Dossier(IMediator mediator, Guid id, CancellationToken ct) =>
        Send(await mediator.Send(new GetDossierPdf(MeetingPdfAccess.ByKey(id)), ct));

    /// <summary>The Einladung as PDF through the personal link, in the language of the link's holder.</summary>
    private static async Task<FileStreamHttpResult> InvitationByLink(IMediator mediator, string token, CancellationToken ct) =>
        Send(await mediator.Send(new GetInvitationPdf(MeetingPdfAccess.ByLink(token)), ct));

    /// <summary>The approved Ergebnisprotokoll as PDF through the personal link, as the answer page shows it (none approved: 404).</summary>
    private static async Task<FileStreamHttpResult> MinutesByLink(IMediator mediator, string token, CancellationToken ct) =>
        Send(await mediator.Send(new GetMinutesPdf(MeetingPdfAccess.ByLink(token)), ct));

    /// <summary>The Sitzungsmappe as PDF through the personal link.</summary>
    private static async Task<FileStreamHttpResult> DossierByLink(IMediator mediator, string token, CancellationToken ct) =>
        Send(await mediator.Send(new GetDossierPdf(MeetingPdfAccess.ByLink(token)), ct));

    private static FileStreamHttpResult Send(PdfFile file) => TypedResults.Stream(file.Content, Pdf, file.FileName);
}
