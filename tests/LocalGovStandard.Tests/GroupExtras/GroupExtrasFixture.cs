using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Packs;
using LocalGovStandard.Tests.Summits;

namespace LocalGovStandard.Tests.GroupExtras;

/// <summary>London, Midlands and Wales, each with a lead; four more approved London contacts to invite. Tests schedule their own meet-ups.</summary>
public sealed class GroupExtrasFixture : RegisteredServiceFixture
{
    public const string LondonLead = "extras.lead@westminster.gov.uk";
    public const string MidlandsLead = "extras.lead@birmingham.gov.uk";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await PackSteps.LeadsAsync(this, LondonLead, MidlandsLead, "extras.lead@cardiff.gov.wales");
        await SummitSteps.SeedContactsAsync(this, TestRegister.Camden, "extras", 4, Clock.GetUtcNow().AddDays(-30));
    }
}
