using Meetings.Domain.Meetings;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

/// <summary>How a <see cref="Location"/> value is stored inside its owner's row.</summary>
internal static class LocationColumns
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, Location> l) where TOwner : class
    {
        l.Property(x => x.Name).HasMaxLength(Location.NameMaxLength).IsRequired();
        l.Property(x => x.Address).HasMaxLength(Location.AddressMaxLength);
        l.Property(x => x.Room).HasMaxLength(Location.RoomMaxLength);
        l.Property(x => x.OnlineUrl).HasMaxLength(Location.UrlMaxLength);
        l.Ignore(x => x.OneLine);
    }
}
