using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Tests.Common;

/// <summary>
/// The one e-mail address rule (<see cref="EmailAddress"/>): one mailbox <c>local@domain</c>, a dot-atom local part
/// without <c>%</c> or <c>!</c>, no quotes, comments or IP literals, a domain of at least two labels. Every channel
/// reaches it through <see cref="ValidationErrors.Email"/>.
/// </summary>
public sealed class EmailAddressTests
{
    public static TheoryData<string> Valid =>
    [
        "a@b.example",
        "hans.mueller@augsburg.example",
        "o'brien@augsburg.example",
        "first.last+tag@augsburg.example",
        "Vera.Vertretung@AUGSBURG.example",
        "it-referat+meetings@muenchen.example",
        "x_y-z@sub.domain.augsburg.example",
        "#$&'*+-/=?^_`{|}~@augsburg.example",
        "a1@b2.c3",
        "amt-32@stadt-augsburg.example",
        "leitung@xn--mnchen-3ya.example", // münchen.example, as the rule wants an internationalised domain
        "a@" + new string('b', 63) + ".example",
        new string('a', 64) + "@augsburg.example",
    ];

    private static readonly string[] Refused =
    [
        "",
        "augsburg.example",
        "attacker%evil.example@augsburg.example", // the finding: a source route through the city's relay
        "a%b@augsburg.example",
        "a!b@augsburg.example", // UUCP bang path
        "evil.example!attacker@augsburg.example",
        "@a.example:b@c.example", // a source route
        "@a.example,@b.example:c@d.example",
        "\"quoted\"@augsburg.example",
        "\"a b\"@augsburg.example",
        "\"a@b\"@augsburg.example",
        "a(comment)@augsburg.example",
        "a@augsburg.example (comment)",
        "(comment)a@augsburg.example",
        "a@[127.0.0.1]",
        "a@[IPv6:::1]",
        "a@127.0.0.1",
        "a@localhost",
        "a@augsburg",
        ".a@augsburg.example",
        "a.@augsburg.example",
        "a..b@augsburg.example",
        "a@.augsburg.example",
        "a@augsburg.example.",
        "a@augsburg..example",
        "a@-augsburg.example",
        "a@augsburg-.example",
        "a@augs_burg.example",
        "a@@augsburg.example",
        "a@b@augsburg.example",
        "a b@augsburg.example",
        " a@augsburg.example",
        "a@augsburg.example ",
        "a@augsburg.example\n",
        "a\r\n@augsburg.example",
        "a\u0000@augsburg.example",
        "a\u202e@augsburg.example",
        "Vera <vera@augsburg.example>",
        "<vera@augsburg.example>",
        "vera@augsburg.example, max@augsburg.example",
        "vera@augsburg.example;max@augsburg.example",
        "müller@augsburg.example", // non-ASCII local part
        "leitung@münchen.example", // an internationalised domain not in its xn-- form
        "vera@аugsburg.example", // a Cyrillic а: a look-alike of the city's domain
        "a\\b@augsburg.example",
        "a,b@augsburg.example",
        "a:b@augsburg.example",
        "a;b@augsburg.example",
        "a<b@augsburg.example",
        "a[b]@augsburg.example",
        "a@" + new string('b', 64) + ".example", // a label of 64
        new string('a', 65) + "@augsburg.example", // a local part of 65
        new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".example", // 316 in all
    ];

    public static TheoryData<string> Invalid => new(Refused);

    /// <summary>Spaces around an address are trimmed by the field, not refused.</summary>
    public static TheoryData<string> InvalidInAField => new(Refused.Where(a => a == a.Trim(' ')));

    [Theory]
    [MemberData(nameof(Valid))]
    public void One_mailbox_of_a_dot_atom_and_a_domain_of_two_labels_or_more_is_an_address(string address)
    {
        Assert.True(EmailAddress.IsValid(address), address);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Anything_else_is_not(string address)
    {
        Assert.False(EmailAddress.IsValid(address), address);
    }

    [Theory]
    [MemberData(nameof(InvalidInAField))]
    public void A_refused_address_is_a_field_error_naming_the_field(string address)
    {
        var errors = new ValidationErrors();

        Person.Create(errors, "delegate", "Vera Vertretung", address);

        Assert.True(errors.Any, address);
        var error = Assert.Throws<DomainValidationException>(errors.ThrowIfAny);
        Assert.Equal(["delegate.email"], error.Errors.Keys);
    }

    [Fact]
    public void A_valid_address_is_taken_trimmed_and_in_lower_case()
    {
        var person = Person.Create("Vera", "  Vera.Vertretung+Amt@AUGSBURG.example ");

        Assert.Equal("vera.vertretung+amt@augsburg.example", person.Email);
    }

    [Fact]
    public void The_refusal_says_what_an_address_must_be()
    {
        var error = Assert.Throws<DomainValidationException>(() => City.Create("Augsburg", CityKind.Host, "attacker%evil.example@augsburg.example"));

        var message = Assert.Single(error.Errors["contactEmail"]);
        Assert.Contains("local@domain", message, StringComparison.Ordinal);
        Assert.Contains("no %", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_has_at_most_254_characters()
    {
        var longest = $"{new string('a', 64)}@{new string('b', 60)}.{new string('c', 60)}.{new string('d', 59)}.example";
        var tooLong = $"{new string('a', 64)}@{new string('b', 60)}.{new string('c', 60)}.{new string('d', 60)}.example";

        Assert.Equal((254, 255), (longest.Length, tooLong.Length));
        Assert.True(EmailAddress.IsValid(longest));
        Assert.False(EmailAddress.IsValid(tooLong));
    }
}
