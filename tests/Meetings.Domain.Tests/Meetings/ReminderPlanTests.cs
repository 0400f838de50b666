using Meetings.Domain.Common;
using Meetings.Domain.Meetings;

namespace Meetings.Domain.Tests.Meetings;

public sealed class ReminderPlanTests
{
    [Fact]
    public void Offsets_are_iso_durations_kept_longest_first_and_stored_as_text()
    {
        var plan = ReminderPlan.Parse(["PT2H", "P7D", "P1D"], "P2D");

        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(2)], plan.Offsets);
        Assert.Equal(TimeSpan.FromDays(2), plan.Nudge);
        Assert.Equal("P7D,P1D,PT2H", plan.OffsetsText);
        Assert.Equal(plan.Offsets, ReminderPlan.FromStored(plan.OffsetsText, "P2D").Offsets);
    }

    [Theory]
    [InlineData("7 days")]
    [InlineData("PT1M")]
    [InlineData("P400D")]
    [InlineData("-P1D")]
    [InlineData("")]
    public void Offsets_outside_five_minutes_to_a_year_or_not_iso_are_field_errors(string offset)
    {
        var error = Assert.Throws<DomainValidationException>(() => ReminderPlan.Parse([offset], null));

        Assert.Contains("offsets[0]", error.Errors.Keys);
    }

    [Fact]
    public void The_same_offset_twice_too_many_offsets_and_a_bad_nudge_are_all_reported()
    {
        var error = Assert.Throws<DomainValidationException>(() => ReminderPlan.Parse(Enumerable.Repeat("P1D", ReminderPlan.MaxOffsets + 1).ToList(), "bald"));

        Assert.Equal(["offsets", "rsvpNudge"], error.Errors.Keys.Order());
        Assert.Equal(2, error.Errors["offsets"].Length);
    }

    [Fact]
    public void No_offsets_and_no_nudge_is_a_plan_without_reminders()
    {
        var plan = ReminderPlan.Parse([], " ");

        Assert.Empty(plan.Offsets);
        Assert.Null(plan.Nudge);
    }
}
