using Meetings.Domain.Common;
using Meetings.Domain.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Meetings.Infrastructure.Persistence.Configurations;

/// <summary>How a <see cref="Person"/> value is stored inside its owner's row.</summary>
internal static class PersonColumns
{
    public static void Map<TOwner>(OwnedNavigationBuilder<TOwner, Person> p) where TOwner : class
    {
        p.Property(x => x.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        p.Property(x => x.Email).HasMaxLength(EmailAddress.MaxLength).IsRequired();
        p.Property(x => x.Title).HasMaxLength(Person.TitleMaxLength);
        p.Property(x => x.Language).HasMaxLength(Languages.MaxLength).IsRequired().HasDefaultValue(Languages.German);
    }
}
