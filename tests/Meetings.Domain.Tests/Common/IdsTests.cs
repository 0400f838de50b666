using Meetings.Domain.Common;

namespace Meetings.Domain.Tests.Common;

public sealed class IdsTests
{
    [Fact]
    public void A_new_id_tells_when_it_was_made_to_the_millisecond()
    {
        var made = new DateTimeOffset(2026, 12, 7, 3, 4, 5, 678, TimeSpan.Zero);

        Assert.Equal(made, Ids.CreatedAt(Guid.CreateVersion7(made)));
        Assert.InRange(Ids.CreatedAt(Ids.New())!.Value, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public void Another_guid_has_no_known_age()
    {
        Assert.Null(Ids.CreatedAt(Guid.NewGuid()));
        Assert.Null(Ids.CreatedAt(Guid.Empty));
    }
}
