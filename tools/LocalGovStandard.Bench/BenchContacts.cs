using LocalGovStandard.Register;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Bench;

internal static class BenchContacts
{
    public static string Email(string prefix, int i) => $"{prefix}-{i}@{BenchApp.EmailDomain}";

    /// <summary>A contact row as a sign-up stores it (pending, consenting), keyed as the product keys it.</summary>
    public static ContactEntity Pending(CouncilEntity council, string email, int i, DateTimeOffset at) => new()
    {
        PartitionKey = council.PartitionKey,
        RowKey = SignupKeys.ContactRowKey(council.GssCode, SignupService.ContactKey(email)),
        ContactKey = SignupService.ContactKey(email),
        Reference = $"LGS-{i:D6}",
        GssCode = council.GssCode,
        CouncilName = council.OfficialName,
        ContactName = $"Contact {i}",
        ContactEmail = email,
        JobTitle = "Head of Digital",
        AdoptionRoute = "digital-strategy",
        ConsentToContact = true,
        ConsentToContactAt = at,
        CreatedAt = at,
    };
}
