using Azure.Data.Tables;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Trust;

/// <summary>Contacts stored before council domains: off-domain ones wait for approval again, once; on-domain ones stay.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ApprovalMigrationTests(TrustFixture fixture) : IClassFixture<TrustFixture>
{
    [Fact]
    public async Task ContactsStoredByThePreviousVersion_OffTheCouncilsDomains_WaitForApproval_Once()
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>("Signups");
        var offDomain = await StoreAsPreviousVersionAsync(table, TestRegister.Camden, "old-camden@consultancy.gov.uk", "LGS-OLDA-0001");
        var onDomain = await StoreAsPreviousVersionAsync(table, TestRegister.Camden, "old-camden@camden.gov.uk", "LGS-OLDA-0002");
        await table.UpsertEntityAsync(new CouncilSignupEntity
        {
            PartitionKey = "london", RowKey = TestRegister.Camden.GssCode, CouncilName = TestRegister.Camden.OfficialName,
            SignedUpAt = fixture.Clock.GetUtcNow().AddMonths(-3), VerifiedContacts = 2,
        });
        await table.DeleteEntityAsync(ContactApprovalMigration.MarkerPartition, ContactApprovalMigration.MarkerRow);

        var moved = await fixture.Service<ContactApprovalMigration>().RunAsync(CancellationToken.None);

        Assert.Equal(1, moved);
        Assert.Equal(ContactEntity.AwaitingApproval, (await table.GetEntityAsync<ContactEntity>(offDomain.PartitionKey, offDomain.RowKey)).Value.Status);
        Assert.Equal(ContactEntity.Verified, (await table.GetEntityAsync<ContactEntity>(onDomain.PartitionKey, onDomain.RowKey)).Value.Status);
        Assert.Equal(1, (await table.GetEntityAsync<CouncilSignupEntity>("london", TestRegister.Camden.GssCode)).Value.VerifiedContacts);
        Assert.Equal(0, await fixture.Service<ContactApprovalMigration>().RunAsync(CancellationToken.None));
    }

    /// <summary>A verified contact as the version before council domains wrote it: no stamp, no approval fields.</summary>
    private async Task<ContactEntity> StoreAsPreviousVersionAsync(TableClient table, TestCouncil council, string email, string reference)
    {
        var contactKey = SignupService.ContactKey(email);
        var contact = new ContactEntity
        {
            PartitionKey = "london", RowKey = SignupKeys.ContactRowKey(council.GssCode, contactKey), ContactKey = contactKey, Reference = reference,
            GssCode = council.GssCode, CouncilName = council.OfficialName, ContactName = "Old Contact", ContactEmail = email, JobTitle = "Head of Digital",
            AdoptionRoute = "digital-strategy", ConsentToContact = true, Status = ContactEntity.Verified, CreatedAt = fixture.Clock.GetUtcNow().AddMonths(-3),
            VerifiedAt = fixture.Clock.GetUtcNow().AddMonths(-3), VerificationEmail = "sent",
        };
        await table.UpsertEntityAsync(contact);
        return contact;
    }
}
