namespace Meetings.Infrastructure.DataProtection;

/// <summary>
/// One key of ASP.NET Core's data protection (it protects the answer page's antiforgery tokens), kept in the database so
/// that every instance behind a load balancer reads the forms the others wrote, and a restart keeps them valid.
/// </summary>
public sealed class DataProtectionKey
{
    public const int FriendlyNameMaxLength = 200;

    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = string.Empty;
}
