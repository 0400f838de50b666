using Meetings.Domain.Common;
using Meetings.Domain.Directory;

namespace Meetings.Domain.Tests.Directory;

public sealed class DirectoryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("max.mustermann@augsburg.de")]
    [InlineData("  Max.Mustermann@Augsburg.DE ")]
    [InlineData("it-referat+meetings@muenchen.example")]
    public void Valid_addresses_are_accepted_trimmed_and_lower_cased(string email)
    {
        var city = City.Create("Augsburg", CityKind.Host, email);

        Assert.Equal(email.Trim().ToLowerInvariant(), city.ContactEmail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("max@localhost")]
    [InlineData("max mustermann@augsburg.de")]
    [InlineData("Max <max@augsburg.de>")]
    [InlineData("max@augsburg.de, moritz@augsburg.de")]
    public void Invalid_addresses_are_field_errors(string email)
    {
        var error = Assert.Throws<DomainValidationException>(() => City.Create("Augsburg", CityKind.Host, email));

        Assert.Equal(["contactEmail"], error.Errors.Keys);
    }

    [Fact]
    public void An_address_longer_than_254_characters_is_refused()
    {
        var email = new string('a', 250) + "@x.de";

        Assert.Throws<DomainValidationException>(() => City.Create("Augsburg", CityKind.Host, email));
    }

    [Fact]
    public void Every_field_error_of_one_input_is_reported_at_once()
    {
        var error = Assert.Throws<DomainValidationException>(() => City.Create(" ", null, "x"));

        Assert.Equal(["contactEmail", "kind", "name"], error.Errors.Keys.Order());
    }

    [Theory]
    [InlineData("32", "32")]
    [InlineData("amt-12", "AMT-12")]
    [InlineData(" ref1 ", "REF1")]
    public void Department_codes_are_stored_in_upper_case(string code, string stored)
    {
        var department = Department.Create(code, "Ordnungsamt", new PersonInput("Peter Zimmermann", "p.z@augsburg.example"), null, Now);

        Assert.Equal(stored, department.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Amt 12")]
    [InlineData("-12")]
    [InlineData("12_a")]
    [InlineData("A234567890123456X")]
    public void Malformed_department_codes_are_field_errors(string code)
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            Department.Create(code, "Ordnungsamt", new PersonInput("Peter Zimmermann", "p.z@augsburg.example"), null, Now));

        Assert.Contains("code", error.Errors.Keys);
    }

    [Fact]
    public void A_department_needs_a_head_and_a_deputy_of_its_own()
    {
        var noHead = Assert.Throws<DomainValidationException>(() => Department.Create("32", "Ordnungsamt", null, null, Now));
        var sameMailbox = Assert.Throws<DomainValidationException>(() => Department.Create("32", "Ordnungsamt",
            new PersonInput("Peter Zimmermann", "p.z@augsburg.example"), new PersonInput("Daniela Krüger", "P.Z@augsburg.example"), Now));
        var badHead = Assert.Throws<DomainValidationException>(() => Department.Create("32", "Ordnungsamt", new PersonInput("", "kaputt"), null, Now));

        Assert.Contains("head", noHead.Errors.Keys);
        Assert.Contains("deputy.email", sameMailbox.Errors.Keys);
        Assert.Equal(["head.email", "head.name"], badHead.Errors.Keys.Order());
    }

    [Fact]
    public void Update_replaces_the_head_and_keeps_the_department()
    {
        var department = Department.Create("32", "Ordnungsamt", new PersonInput("Peter Zimmermann", "p.z@augsburg.example"), null, Now);
        var id = department.Id;

        department.Update("32", "Ordnungsamt", new PersonInput("Daniela Krüger", "D.K@augsburg.example"), null);

        Assert.Equal((id, "Daniela Krüger", "d.k@augsburg.example"), (department.Id, department.Head.Name, department.Head.Email));
        Assert.Throws<DomainValidationException>(() => department.Update("32", "Ordnungsamt", null, null));
        Assert.Equal("d.k@augsburg.example", department.Head.Email); // a refused update changes nothing
    }

    [Fact]
    public void Deactivation_keeps_the_department_and_can_be_undone_once()
    {
        var department = Department.Create("32", "Ordnungsamt", new PersonInput("Peter Zimmermann", "p.z@augsburg.example"), null, Now);

        department.Deactivate(Now.AddDays(1));

        Assert.False(department.Active);
        Assert.Equal(Now.AddDays(1), department.DeactivatedAt);
        Assert.Throws<DomainException>(() => department.Deactivate(Now.AddDays(2)));
        department.Reactivate();
        Assert.True(department.Active);
        Assert.Null(department.DeactivatedAt);
        Assert.Throws<DomainException>(department.Reactivate);
    }

    [Fact]
    public void A_key_is_256_random_url_safe_bits_and_only_its_hash_is_kept()
    {
        var (key, plain) = ApiKey.Create("Intranet", ApiKeyRole.Admin, null, null, Now);
        var (_, other) = ApiKey.Create("Intranet", ApiKeyRole.Admin, null, null, Now);

        Assert.Matches("^mtg_[A-Za-z0-9_-]{43}$", plain);
        Assert.NotEqual(plain, other);
        Assert.Equal(ApiKey.HashOf(plain), key.Hash);
        Assert.DoesNotContain(plain, key.Hash, StringComparison.Ordinal);
        Assert.StartsWith(key.Hint, plain, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_must_fit_its_role()
    {
        var department = Department.Create("32", "Ordnungsamt", new PersonInput("Peter Zimmermann", "p.z@augsburg.example"), null, Now);
        var host = City.Create("Augsburg", CityKind.Host, "ob@augsburg.example");
        var partner = City.Create("München", CityKind.Partner, "it@muenchen.example");

        Assert.Contains("departmentId", Assert.Throws<DomainValidationException>(() => ApiKey.Create("k", ApiKeyRole.Department, null, null, Now)).Errors.Keys);
        Assert.Contains("cityId", Assert.Throws<DomainValidationException>(() => ApiKey.Create("k", ApiKeyRole.Partner, null, host, Now)).Errors.Keys);
        Assert.Contains("departmentId", Assert.Throws<DomainValidationException>(() => ApiKey.Create("k", ApiKeyRole.Admin, department, null, Now)).Errors.Keys);
        Assert.Equal(partner.Id, ApiKey.Create("k", ApiKeyRole.Partner, null, partner, Now).Key.CityId);
    }

    [Fact]
    public void A_key_is_revoked_once()
    {
        var (key, _) = ApiKey.Create("k", ApiKeyRole.Admin, null, null, Now);

        key.Revoke(Now);

        Assert.True(key.IsRevoked);
        Assert.Throws<DomainException>(() => key.Revoke(Now));
    }
}
