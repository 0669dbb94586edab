namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>A running service whose council register holds the test councils (<see cref="TestRegister.All"/>).</summary>
public class RegisteredServiceFixture : ServiceFixture
{
    public RegisteredServiceFixture()
    {
    }

    protected RegisteredServiceFixture(Azurite storage)
        : base(storage)
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestRegister.ImportAsync(CreateAdminClient());
    }
}
