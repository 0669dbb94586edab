using LocalGovStandard.Platform.Storage;
using Microsoft.Extensions.Configuration;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// Tables and containers are created at start only against an emulator: in Azure the Bicep has created them
/// (BicepTemplateTests checks it names them all), and waiting for twenty "already exists" answers slows every cold start.
/// </summary>
public sealed class StorageProvisioningTests
{
    private const string AzuriteConnection =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private const string AzureConnection =
        "DefaultEndpointsProtocol=https;AccountName=lgsprodstore;AccountKey=a2V5;EndpointSuffix=core.windows.net";

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData(AzuriteConnection)]
    public void AgainstAnEmulator_CreatesAtStart(string connectionString) =>
        Assert.True(StorageRegistration.CreatesAtStart(Settings(("AzureWebJobsStorage", connectionString))));

    [Fact]
    public void WithNoSetting_IsDevelopmentStorage_SoCreatesAtStart() =>
        Assert.True(StorageRegistration.CreatesAtStart(Settings()));

    [Fact]
    public void AgainstAnAzureAccountByIdentity_LeavesItToTheBicep() =>
        Assert.False(StorageRegistration.CreatesAtStart(Settings(("AzureWebJobsStorage:accountName", "lgsprodstore"))));

    [Fact]
    public void AgainstAnAzureAccountByConnectionString_LeavesItToTheBicep() =>
        Assert.False(StorageRegistration.CreatesAtStart(Settings(("AzureWebJobsStorage", AzureConnection))));

    [Theory]
    [InlineData(AzuriteConnection, "false", false)]
    [InlineData(AzureConnection, "true", true)]
    public void TheSetting_Overrides(string connectionString, string setting, bool expected) =>
        Assert.Equal(expected, StorageRegistration.CreatesAtStart(Settings(("AzureWebJobsStorage", connectionString), (StorageRegistration.CreateAtStartSetting, setting))));

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
