using System.Globalization;
using MediatR;
using Meetings.Api.Common;
using Meetings.Api.Features.Polls;
using Meetings.Domain.Common;
using Meetings.Domain.Polls;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Meetings.Api.Pages.Polls;

/// <summary>
/// The date poll's page behind the link of a <c>date-poll</c> mail: the slots as radio groups (yes / maybe / no), a
/// comment, and the holder's own vote — never the others' (only the office sees those). No script. A GET never changes
/// anything; the form is posted to the same address with the rules of <c>PUT /api/poll/{token}</c> and answers 303 to the
/// page; a refused vote shows the page again in words (400/409), keeping what was entered. After closing it shows the
/// chosen date. The view is one model (<see cref="PollLinkView"/>), so that further sections (a call for topics) can be added beside it.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PersonalLink)]
[IgnoreAntiforgeryToken] // checked below, so that an expired form is explained on the page instead of an empty 400
public sealed class PollModel(IMediator mediator, IAntiforgery antiforgery) : PageModel
{
    public PollLinkView? View { get; private set; }

    public string Token { get; private set; } = string.Empty;

    /// <summary>The answers as entered, by slot id: <c>yes</c>, <c>maybe</c>, <c>no</c>.</summary>
    [BindProperty]
    public Dictionary<Guid, string> Answers { get; set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public string? Refusal { get; private set; }

    public bool TooManyGuesses { get; private set; }

    [TempData]
    public bool Saved { get; set; }

    public CultureInfo Culture => CultureInfo.CurrentUICulture;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (!await Load(token, ct))
        {
            return Unknown();
        }

        Answers = View!.Poll.OwnVote?.Votes.ToDictionary(v => v.SlotId, v => Name(v.Answer)) ?? [];
        Comment = View.Poll.OwnVote?.Comment;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return await Refused(token, StatusCodes.Status400BadRequest, PollText.FormExpired, ct);
        }

        var votes = Answers.Select(a => new VoteItem { SlotId = a.Key, Answer = Parse(a.Value) }).ToList();
        try
        {
            await mediator.Send(new VoteByToken(token, new VoteBody { Votes = votes, Comment = Comment }), ct);
        }
        catch (Exception e) when (ProblemDetailsSetup.ForDomain(e) is { Status: { } status } problem)
        {
            return status switch
            {
                StatusCodes.Status404NotFound => Unknown(),
                StatusCodes.Status400BadRequest => await Refused(token, status, PollText.AnswerEverySlot, ct),
                _ => await Refused(token, status, string.Format(Culture, PollText.Refused, problem.Detail), ct),
            };
        }

        Saved = true;
        Response.Headers.Location = PageLink(token, Culture);
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>The page's own address in the language it is shown in.</summary>
    public static string PageLink(string token, CultureInfo culture) =>
        InLanguage(token, culture.TwoLetterISOLanguageName == Languages.English ? Languages.English : Languages.German);

    public static string InLanguage(string token, string language) => $"/poll/{Uri.EscapeDataString(token)}?lang={language}";

    /// <summary>"Donnerstag, 8. Oktober 2026, 14:00–17:00 Uhr" in the meeting's zone.</summary>
    public string When(PollSlotResponse slot) => Pages.Answers.AnswerTexts.When(slot.StartsAt, slot.EndsAt, View!.Poll.TimeZone, Culture);

    /// <summary>"Donnerstag, 1. Oktober 2026, 16:00 Uhr" in the meeting's zone.</summary>
    public string DayAndTime(DateTimeOffset instant)
    {
        var local = Zones.ToLocal(instant, View!.Poll.TimeZone);
        return string.Format(Culture, PollText.DayAndTime, local.ToString(PollText.DateFormat, Culture), local.ToString("HH:mm", Culture));
    }

    public static string Name(PollAnswer answer) => answer.ToString().ToLowerInvariant();

    public static string Words(string? answer) => answer switch
    {
        "yes" => "✓ " + PollText.Yes,
        "maybe" => "~ " + PollText.Maybe,
        "no" => "✗ " + PollText.No,
        _ => "– " + PollText.Open,
    };

    private static PollAnswer? Parse(string? value) => value switch
    {
        "yes" => PollAnswer.Yes,
        "maybe" => PollAnswer.Maybe,
        "no" => PollAnswer.No,
        _ => null,
    };

    private async Task<bool> Load(string token, CancellationToken ct)
    {
        Token = token;
        try
        {
            View = await mediator.Send(new GetPollByToken(token), ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    private async Task<IActionResult> Refused(string token, int status, string words, CancellationToken ct)
    {
        if (!await Load(token, ct))
        {
            return Unknown();
        }

        Refusal = words;
        Response.StatusCode = status;
        return Page();
    }

    private PageResult Unknown()
    {
        View = null;
        TooManyGuesses = !RateLimits.CountUnknownToken(HttpContext);
        Response.StatusCode = TooManyGuesses ? StatusCodes.Status429TooManyRequests : StatusCodes.Status404NotFound;
        return Page();
    }
}
