using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalGovStandard.Backups;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Deployment;

/// <summary>
/// Compiles infra/bicep/main.bicep to ARM JSON with the bicep CLI from the Azure.Bicep.CommandLine
/// NuGet package, evaluates it for sample parameters (walking the nested module deployments), and
/// checks the security properties of what it would deploy.
/// </summary>
[Trait(Needs.Trait, Needs.Bicep)]
public sealed class BicepTemplateTests(BicepTemplateTests.CompiledTemplate compiled) : IClassFixture<BicepTemplateTests.CompiledTemplate>
{
    private const string SendGridApiKey = "SG.sendgrid-test-secret-0123456789";
    private const string AdminKey = "admin-test-secret-0123456789";
    private const string TokenSigningKey = "token-signing-test-secret-0123456789abcdef";
    private const string ReadKey = "read-test-secret-0123456789";

    private static readonly string[] SecretSettings = ["SendGrid__ApiKey", "LocalGovStandard__AdminKey", "LocalGovStandard__ReadKey", "LocalGovStandard__TokenSigningKey"];

    private const string HostKeyType = "Microsoft.Web/sites/host/functionKeys";

    private static readonly string[] ServiceContainers = ["reports", "evidence", "app-package"];

    public static TheoryData<string, string, string> AppRoles => new()
    {
        { "Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts" },
        { "Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts" },
        { "Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts" },
        { "Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults" },
        { "Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components" },
    };

    [Fact]
    public void Storage_DisablesSharedKeyAccess()
    {
        var account = Single(Deploy(), "Microsoft.Storage/storageAccounts");

        Assert.False(account.Properties!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.True(account.Properties["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void Storage_RequiresTls12AndHttps()
    {
        var account = Single(Deploy(), "Microsoft.Storage/storageAccounts");

        Assert.Equal("TLS1_2", account.Properties!["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(account.Properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Storage_AllowsNoPublicBlobAccess()
    {
        var deployment = Deploy();
        var account = Single(deployment, "Microsoft.Storage/storageAccounts");
        var containers = All(deployment, "Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.False(account.Properties!["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", c.Properties!["publicAccess"]!.GetValue<string>()));
    }

    [Fact]
    public void Storage_HasPrivateContainersForReportsEvidenceKeysAndThePackage()
    {
        var containers = All(Deploy(), "Microsoft.Storage/storageAccounts/blobServices/containers").Select(c => c.Name.Split('/')[^1]).ToList();

        Assert.Subset(containers.ToHashSet(), ServiceContainers.Concat(BlobContainerNames.All).ToHashSet());
    }

    [Fact]
    public void Storage_DeclaresEveryTableTheAppUses()
    {
        var tables = All(Deploy(), "Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => t.Name.Split('/')[^1]).Order();

        Assert.Equal(TableNames.All.Order(), tables);
    }

    [Fact]
    public void Storage_DeclaresTheEmailQueueAndItsPoisonQueue_AndTheAppCanUseThem()
    {
        var deployment = Deploy();
        var queues = All(deployment, "Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.Name.Split('/')[^1]).Order();

        Assert.Equal(new[] { EmailQueueOptions.QueueName, EmailQueueOptions.PoisonQueueName }.Order(), queues);
        var roles = All(deployment, "Microsoft.Authorization/roleAssignments").Select(r => r.Properties!["roleDefinitionId"]!.GetValue<string>()).ToList();
        Assert.Contains(roles, id => id.EndsWith("974c5e8b-45b9-4653-ba55-5f855dd0fb88", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Storage_KeepsVersionsAndSoftDeletedBlobs()
    {
        var blobService = Single(Deploy(new() { ["blobSoftDeleteRetentionDays"] = 30 }), "Microsoft.Storage/storageAccounts/blobServices").Properties!;

        Assert.True(blobService["isVersioningEnabled"]!.GetValue<bool>());
        Assert.True(blobService["deleteRetentionPolicy"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(30, blobService["deleteRetentionPolicy"]!["days"]!.GetValue<long>());
        Assert.True(blobService["containerDeleteRetentionPolicy"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Backups_AreImmutableForAWhile_ThenKept35DaysOr12MonthsByTheirRetentionTag()
    {
        var deployment = Deploy();
        var policy = Single(deployment, "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies");
        var rules = Single(deployment, "Microsoft.Storage/storageAccounts/managementPolicies").Properties!["policy"]!["rules"]!.AsArray();

        Assert.EndsWith($"/{BlobContainerNames.Backups}/default", policy.Name, StringComparison.Ordinal);
        var immutableDays = policy.Properties!["immutabilityPeriodSinceCreationInDays"]!.GetValue<long>();
        Assert.False(policy.Properties["allowProtectedAppendWrites"]!.GetValue<bool>());
        foreach (var (tag, days) in new[] { ("daily", 35L), ("monthly", 365L) })
        {
            var rule = Assert.Single(rules, r => r!["definition"]!["filters"]!["blobIndexMatch"]?[0]?["value"]?.GetValue<string>() == tag)!["definition"]!;
            Assert.Equal(TableBackup.RetentionTag, rule["filters"]!["blobIndexMatch"]![0]!["name"]!.GetValue<string>());
            Assert.Equal($"{BlobContainerNames.Backups}/", Assert.Single(rule["filters"]!["prefixMatch"]!.AsArray())!.GetValue<string>());
            Assert.Equal(days, rule["actions"]!["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<long>());
            Assert.True(immutableDays < days, "A blob still immutable cannot be deleted by the lifecycle rule.");
        }
    }

    public static TheoryData<string, string> Alerts => new()
    {
        { "http-5xx-rate", "Microsoft.Insights/scheduledQueryRules" },
        { "timer-failed", "Microsoft.Insights/scheduledQueryRules" },
        { "timer-missed-MonthlyProgressWorkbooks", "Microsoft.Insights/scheduledQueryRules" },
        { "timer-missed-RefreshDashboardSnapshots", "Microsoft.Insights/scheduledQueryRules" },
        { "timer-missed-PurgeExpiredVerifications", "Microsoft.Insights/scheduledQueryRules" },
        { "timer-missed-BackupTables", "Microsoft.Insights/scheduledQueryRules" },
        { "timer-missed-PeerAssessmentPanelReminders", "Microsoft.Insights/scheduledQueryRules" },
        { "mail-not-accepted", "Microsoft.Insights/scheduledQueryRules" },
        { "email-poison-queue", "Microsoft.Insights/scheduledQueryRules" },
        { "health-failing", "Microsoft.Insights/metricAlerts" },
        { "storage-throttling", "Microsoft.Insights/metricAlerts" },
    };

    [Theory]
    [MemberData(nameof(Alerts))]
    public void Alerts_EachExistsEnabled_AndNotifiesTheOperatorsActionGroup(string alert, string type)
    {
        var deployment = Deploy(new() { ["alertEmail"] = "operators@example.gov.uk" });
        var group = Single(deployment, "Microsoft.Insights/actionGroups");
        var receiver = Assert.Single(group.Properties!["emailReceivers"]!.AsArray())!;
        var rule = Assert.Single(All(deployment, type), r => r.Name.EndsWith("-" + alert, StringComparison.Ordinal));

        Assert.Equal("operators@example.gov.uk", receiver["emailAddress"]!.GetValue<string>());
        Assert.True(rule.Properties!["enabled"]!.GetValue<bool>());
        var actions = type.EndsWith("scheduledQueryRules", StringComparison.Ordinal)
            ? rule.Properties["actions"]!["actionGroups"]!.AsArray().Select(a => a!.GetValue<string>())
            : rule.Properties["actions"]!.AsArray().Select(a => a!["actionGroupId"]!.GetValue<string>());
        Assert.Equal([ArmId(group)], actions);
        Assert.Contains($"### {alert}\n", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "runbook.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_LookForEveryTimerTheAppDeclares_AndHealthIsTestedFromOutside()
    {
        var deployment = Deploy();
        var queries = string.Join("\n", All(deployment, "Microsoft.Insights/scheduledQueryRules").Select(r => r.Properties!["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>()));
        var timers = typeof(ITimerFunction).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITimerFunction).IsAssignableFrom(t))
            .Select(t => (string)t.GetField("Name")!.GetValue(null)!).ToList();
        var test = Single(deployment, "Microsoft.Insights/webtests");

        Assert.Equal(6, timers.Count);
        Assert.All(timers, timer => Assert.Contains($"\"{timer}\"", queries, StringComparison.Ordinal));
        Assert.EndsWith("/api/health", test.Properties!["Request"]!["RequestUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Single(deployment, "Microsoft.Insights/actionGroups").Properties!["emailReceivers"]!.AsArray());
    }

    [Fact]
    public void ThePoisonQueueAlert_LooksForTheLineThePoisonedEmailCountWrites()
    {
        var rule = Assert.Single(All(Deploy(), "Microsoft.Insights/scheduledQueryRules"), r => r.Name.EndsWith("-email-poison-queue", StringComparison.Ordinal));

        Assert.Contains($"\"{CountPoisonedEmail.AlertText}\"", rule.Properties!["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("PT15M", rule.Properties["evaluationFrequency"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionApp_HasASystemAssignedIdentity()
    {
        var site = Single(Deploy(), "Microsoft.Web/sites");

        Assert.Equal("SystemAssigned", site.Body["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("SystemAssigned", site.Properties!["keyVaultReferenceIdentity"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("FlexConsumption")]
    [InlineData("ElasticPremium")]
    public void FunctionApp_IsHttpsOnlyWithFtpsAndBasicAuthPublishingDisabled(string hostingPlan)
    {
        var deployment = Deploy(new() { ["hostingPlan"] = hostingPlan });
        var site = Single(deployment, "Microsoft.Web/sites").Properties!;

        Assert.True(site["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("Disabled", site["siteConfig"]!["ftpsState"]!.GetValue<string>());
        Assert.Equal("1.2", site["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        var publishing = All(deployment, "Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        Assert.Equal(["ftp", "scm"], publishing.Select(p => p.Name.Split('/')[^1]).Order());
        Assert.All(publishing, p => Assert.False(p.Properties!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void FlexConsumption_RunsTheCustomHandlerRuntime()
    {
        var deployment = Deploy(new() { ["instanceMemoryMB"] = 4096, ["maximumInstanceCount"] = 77 });
        var plan = Single(deployment, "Microsoft.Web/serverfarms");
        var config = Single(deployment, "Microsoft.Web/sites").Properties!["functionAppConfig"]!;

        Assert.Equal("FC1", plan.Body["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Body["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan.Properties!["reserved"]!.GetValue<bool>());
        Assert.Equal("custom", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("1.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal(4096, config["scaleAndConcurrency"]!["instanceMemoryMB"]!.GetValue<long>());
        Assert.Equal(77, config["scaleAndConcurrency"]!["maximumInstanceCount"]!.GetValue<long>());
    }

    [Fact]
    public void FlexConsumption_ReadsThePackageFromPrivateStorageWithTheAppIdentity()
    {
        var deployment = Deploy();
        var storage = deployment.ModuleOutputs["storage"];
        var packageStorage = Single(deployment, "Microsoft.Web/sites").Properties!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", packageStorage["type"]!.GetValue<string>());
        Assert.Equal(storage["blobEndpoint"]!.GetValue<string>() + "app-package", packageStorage["value"]!.GetValue<string>());
        Assert.Equal("SystemAssignedIdentity", packageStorage["authentication"]!["type"]!.GetValue<string>());
        Assert.Contains("app-package", storage["containerNames"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void FlexConsumption_LeavesOutTheSettingsFlexRejects()
    {
        var settings = AppSettings(Deploy());

        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
    }

    [Fact]
    public void ElasticPremium_RunsTheCustomHandlerFromThePackageWithItsIdentity()
    {
        var deployment = Deploy(new() { ["hostingPlan"] = "ElasticPremium" });
        var plan = Single(deployment, "Microsoft.Web/serverfarms");
        var site = Single(deployment, "Microsoft.Web/sites").Properties!;
        var settings = AppSettings(deployment);

        Assert.Equal("EP1", plan.Body["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("ElasticPremium", plan.Body["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan.Properties!["reserved"]!.GetValue<bool>());
        Assert.Null(site["functionAppConfig"]);
        Assert.Equal("", site["siteConfig"]!["linuxFxVersion"]!.GetValue<string>());
        Assert.Equal("custom", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal(deployment.ModuleOutputs["storage"]["blobEndpoint"]!.GetValue<string>() + "app-package/functionapp.zip", settings["WEBSITE_RUN_FROM_PACKAGE"]);
        Assert.Equal("SystemAssigned", settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"]);
        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings.Keys);
    }

    [Theory]
    [InlineData("FlexConsumption")]
    [InlineData("ElasticPremium")]
    public void AppSettings_UseIdentityBasedHostStorage(string hostingPlan)
    {
        var deployment = Deploy(new() { ["hostingPlan"] = hostingPlan });
        var settings = AppSettings(deployment);

        Assert.Equal(Single(deployment, "Microsoft.Storage/storageAccounts").Name, settings["AzureWebJobsStorage__accountName"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.All(settings.Values, value =>
        {
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sig=", value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Theory]
    [InlineData("SendGrid__ApiKey", "sendgrid-api-key")]
    [InlineData("LocalGovStandard__AdminKey", "admin-key")]
    [InlineData("LocalGovStandard__ReadKey", "read-key")]
    [InlineData("LocalGovStandard__TokenSigningKey", "token-signing-key")]
    public void AppSettings_TakeEachSecretFromAKeyVaultReference(string setting, string secretName)
    {
        var deployment = Deploy(WithSecrets());
        var vault = Single(deployment, "Microsoft.KeyVault/vaults");
        var secret = Assert.Single(All(deployment, "Microsoft.KeyVault/vaults/secrets"), s => s.Name == $"{vault.Name}/{secretName}");
        var value = AppSettings(deployment)[setting];

        Assert.Matches(@"^@Microsoft\.KeyVault\(SecretUri=.+\)$", value);
        Assert.EndsWith($"secrets/{secretName})", value, StringComparison.Ordinal);
        Assert.Contains($"/providers/Microsoft.KeyVault/vaults/{vault.Name}", value, StringComparison.Ordinal);
        Assert.NotNull(secret.Properties!["value"]);
    }

    [Fact]
    public void Secrets_AppearOnlyInKeyVaultSecrets()
    {
        var deployment = Deploy(WithSecrets());
        var secretValues = All(deployment, "Microsoft.KeyVault/vaults/secrets").Select(s => s.Properties!["value"]!.GetValue<string>()).Order();
        var everythingElse = deployment.Resources.Where(r => r.Type is not ("Microsoft.KeyVault/vaults/secrets" or HostKeyType)).Select(r => r.Body.ToJsonString())
            .Append(deployment.Outputs.ToJsonString())
            .Concat(deployment.ModuleOutputs.Values.Select(o => o.ToJsonString()));

        Assert.Equal(new[] { SendGridApiKey, AdminKey, ReadKey, TokenSigningKey }.Order(), secretValues);
        Assert.All(everythingElse, json =>
        {
            Assert.DoesNotContain(SendGridApiKey, json, StringComparison.Ordinal);
            Assert.DoesNotContain(AdminKey, json, StringComparison.Ordinal);
            Assert.DoesNotContain(ReadKey, json, StringComparison.Ordinal);
            Assert.DoesNotContain(TokenSigningKey, json, StringComparison.Ordinal);
        });
        Assert.All(SecretSettings, name => Assert.StartsWith("@Microsoft.KeyVault(", AppSettings(deployment)[name], StringComparison.Ordinal));
    }

    [Fact]
    public void OrganiserKey_IsAlsoTheHostKey_SoAdminRoutesPassTheHostWithNoStepAfterDeploying()
    {
        var deployment = Deploy(WithSecrets());
        var hostKey = Single(deployment, HostKeyType);
        var site = Single(deployment, "Microsoft.Web/sites");

        Assert.Equal($"{site.Name}/default/organiser", hostKey.Name);
        Assert.Equal("organiser", hostKey.Properties!["name"]!.GetValue<string>());
        Assert.Equal(AdminKey, hostKey.Properties["value"]!.GetValue<string>());
        Assert.Equal(AdminKey, Assert.Single(All(deployment, "Microsoft.KeyVault/vaults/secrets"), s => s.Name.EndsWith("/admin-key", StringComparison.Ordinal)).Properties!["value"]!.GetValue<string>());
        Assert.Empty(All(Deploy(), HostKeyType));
    }

    [Fact]
    public void Secrets_AreDeclaredSecureAndLeftAloneWhenNotGiven()
    {
        var parameters = compiled.Template["parameters"]!;

        Assert.All(["sendGridApiKey", "adminKey", "readKey", "tokenSigningKey"], name => Assert.Equal("securestring", parameters[name]!["type"]!.GetValue<string>()));
        Assert.Empty(All(Deploy(), "Microsoft.KeyVault/vaults/secrets"));
    }

    [Fact]
    public void KeyVault_UsesRbacAuthorizationAndSoftDelete()
    {
        var vault = Single(Deploy(), "Microsoft.KeyVault/vaults").Properties!;

        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault["enableSoftDelete"]!.GetValue<bool>());
        Assert.Null(vault["accessPolicies"]);
    }

    [Theory]
    [MemberData(nameof(AppRoles))]
    public void RoleAssignments_GiveTheAppIdentityItsRoleOnTheRightResource(string role, string roleDefinitionGuid, string scopeType)
    {
        var deployment = Deploy();
        var target = Single(deployment, scopeType);
        var assignment = Assert.Single(RoleAssignments(deployment), a => a.Properties!["roleDefinitionId"]!.GetValue<string>().EndsWith($"/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionGuid}", StringComparison.Ordinal));

        Assert.Equal($"{ArmTemplateEvaluator.ResourceGroupId}/providers/{scopeType}/{target.Name}", assignment.Scope);
        Assert.Equal(deployment.ModuleOutputs["functionapp"]["principalId"]!.GetValue<string>(), assignment.Properties!["principalId"]!.GetValue<string>());
        Assert.Contains($"Microsoft.Web/sites/{Single(deployment, "Microsoft.Web/sites").Name}).identity.principalId", assignment.Properties["principalId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", assignment.Properties["principalType"]!.GetValue<string>());
        Assert.True(Guid.TryParse(assignment.Name, out _), $"{role}: the assignment name should be a guid(...), was {assignment.Name}");
    }

    [Fact]
    public void RoleAssignments_AreOnlyTheAppsFiveUnlessAnOperatorIsGiven()
    {
        var withoutOperator = RoleAssignments(Deploy());
        var withOperator = RoleAssignments(Deploy(new() { ["operatorPrincipalId"] = "11111111-2222-3333-4444-555555555555", ["operatorPrincipalType"] = "Group" }));

        Assert.Equal(5, withoutOperator.Count);
        Assert.Equal(5, withoutOperator.Select(a => a.Name).Distinct().Count());
        Assert.Equal(7, withOperator.Count);
        Assert.Equal(2, withOperator.Count(a => a.Properties!["principalType"]!.GetValue<string>() == "Group"));
    }

    [Fact]
    public void Monitoring_DisablesLocalAuthAndTheAppAuthenticatesWithEntra()
    {
        var deployment = Deploy();
        var insights = Single(deployment, "Microsoft.Insights/components").Properties!;
        var workspace = Single(deployment, "Microsoft.OperationalInsights/workspaces");
        var settings = AppSettings(deployment);

        Assert.True(insights["DisableLocalAuth"]!.GetValue<bool>());
        Assert.Equal($"{ArmTemplateEvaluator.ResourceGroupId}/providers/Microsoft.OperationalInsights/workspaces/{workspace.Name}", insights["WorkspaceResourceId"]!.GetValue<string>());
        Assert.Equal("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("Microsoft.Insights/components/", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_CarryTheServiceSettingsAndLeaveTimersToTheHost()
    {
        var settings = AppSettings(Deploy(new()
        {
            ["publicBaseUrl"] = "https://standard.example.gov.uk",
            ["sendGridFromEmail"] = "standard@example.gov.uk",
            ["allowedEmailDomains"] = "gov.uk",
            ["contactEmail"] = "help@example.gov.uk",
            ["feedbackUrl"] = "https://forms.example.gov.uk/feedback",
            ["dataController"] = "Example Digital",
        }));

        Assert.Equal("false", settings["Timers__RunInProcess"]);
        Assert.Equal("https://standard.example.gov.uk", settings["LocalGovStandard__PublicBaseUrl"]);
        Assert.Equal("standard@example.gov.uk", settings["SendGrid__FromEmail"]);
        Assert.Equal("gov.uk", settings["LocalGovStandard__AllowedEmailDomains"]);
        Assert.Equal("help@example.gov.uk", settings["LocalGovStandard__Contact__Email"]);
        Assert.Equal("https://forms.example.gov.uk/feedback", settings["LocalGovStandard__Contact__FeedbackUrl"]);
        Assert.Equal("Example Digital", settings["LocalGovStandard__Essentials__DataController"]);
        Assert.Equal("35", settings["LocalGovStandard__Essentials__BackupDailyRetentionDays"]);
        Assert.Equal("365", settings["LocalGovStandard__Essentials__BackupMonthlyRetentionDays"]);
        Assert.StartsWith("https://‹reference(", AppSettings(Deploy())["LocalGovStandard__PublicBaseUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_AreUpperSnakeCaseAndNameWhatAzdAndTheDocsUse()
    {
        var outputs = compiled.Template["outputs"]!.AsObject().Select(o => o.Key).ToList();

        Assert.All(outputs, name => Assert.Matches("^[A-Z][A-Z0-9_]*$", name));
        Assert.Subset(outputs.ToHashSet(), new HashSet<string> { "AZURE_FUNCTION_APP_NAME", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_KEY_VAULT_NAME", "SERVICE_API_URI" });
    }

    [Fact]
    public void Azd_FindsTheFunctionAppByItsServiceName()
    {
        var site = Single(Deploy(), "Microsoft.Web/sites");
        var azureYaml = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "azure.yaml"));

        Assert.Equal("api", site.Body["tags"]!["azd-service-name"]!.GetValue<string>());
        Assert.Matches(new Regex(@"^services:\s*\n\s+api:\s*\n(\s{4,}.*\n)*?\s+host:\s*function\s*$", RegexOptions.Multiline), azureYaml);
    }

    private ArmTemplateEvaluator Deploy(Dictionary<string, JsonNode?>? parameters = null)
    {
        var values = new Dictionary<string, JsonNode?> { ["environmentName"] = "lgs-test" };
        foreach (var (name, value) in parameters ?? [])
        {
            values[name] = value is null ? null : JsonNode.Parse(value.ToJsonString()); // as if read from a parameters file
        }

        return ArmTemplateEvaluator.Evaluate(compiled.Template, values);
    }

    private static Dictionary<string, JsonNode?> WithSecrets() => new()
    {
        ["sendGridApiKey"] = SendGridApiKey,
        ["adminKey"] = AdminKey,
        ["readKey"] = ReadKey,
        ["tokenSigningKey"] = TokenSigningKey,
    };

    private static string ArmId(ArmResource resource) => $"{ArmTemplateEvaluator.ResourceGroupId}/providers/{resource.Type}/{resource.Name}";

    private static ArmResource Single(ArmTemplateEvaluator deployment, string type) => Assert.Single(All(deployment, type));

    private static List<ArmResource> All(ArmTemplateEvaluator deployment, string type) =>
        deployment.Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    private static List<ArmResource> RoleAssignments(ArmTemplateEvaluator deployment) => All(deployment, "Microsoft.Authorization/roleAssignments");

    private static Dictionary<string, string> AppSettings(ArmTemplateEvaluator deployment)
    {
        var config = Assert.Single(All(deployment, "Microsoft.Web/sites/config"), c => c.Name.EndsWith("/appsettings", StringComparison.Ordinal));
        return config.Properties!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
    }

    /// <summary>
    /// main.bicep compiled once for the class: artifacts/bicep/main.json when infra/bicep/check.sh wrote
    /// it after the last change to any Bicep file, otherwise a fresh <c>bicep build</c> (restoring the
    /// bicep CLI package first if this machine has never restored it).
    /// </summary>
    public sealed class CompiledTemplate
    {
        public CompiledTemplate()
        {
            var bicepFolder = Path.Combine(RepositoryPaths.Root, "infra", "bicep");
            var checkedOutput = Path.Combine(RepositoryPaths.Root, "artifacts", "bicep", "main.json");
            var newestSource = Directory.EnumerateFiles(bicepFolder, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".bicep", StringComparison.Ordinal) || f.EndsWith("bicepconfig.json", StringComparison.Ordinal))
                .Max(File.GetLastWriteTimeUtc);
            var json = File.Exists(checkedOutput) && File.GetLastWriteTimeUtc(checkedOutput) >= newestSource
                ? File.ReadAllText(checkedOutput)
                : Compile(Path.Combine(bicepFolder, "main.bicep"));
            Template = JsonNode.Parse(json)!.AsObject();
        }

        public JsonObject Template { get; }

        private static string Compile(string mainBicep)
        {
            var output = Path.Combine(Path.GetTempPath(), $"lgs-main-{Guid.NewGuid():N}.json");
            try
            {
                var (exitCode, log) = Run(BicepCli.Locate(), ["build", mainBicep, "--outfile", output]);
                Assert.True(exitCode == 0, "bicep build failed:\n" + log);
                return File.ReadAllText(output);
            }
            finally
            {
                File.Delete(output);
            }
        }
    }

    /// <summary>The bicep CLI inside the restored Azure.Bicep.CommandLine.linux-x64 package (see infra/bicep/tools/BicepCli.proj).</summary>
    private static class BicepCli
    {
        private const string PackageId = "azure.bicep.commandline.linux-x64";

        public static string Locate()
        {
            var toolsProject = Path.Combine(RepositoryPaths.Root, "infra", "bicep", "tools", "BicepCli.proj");
            var version = Regex.Match(File.ReadAllText(toolsProject), "<BicepVersion>(.+)</BicepVersion>").Groups[1].Value;
            var found = Candidates(toolsProject, version).FirstOrDefault(File.Exists);
            if (found is null)
            {
                var (exitCode, log) = Run("dotnet", ["restore", toolsProject, "--nologo"]);
                Assert.True(exitCode == 0, "restoring the bicep CLI failed:\n" + log);
                found = Candidates(toolsProject, version).FirstOrDefault(File.Exists);
            }

            return found ?? throw new FileNotFoundException($"The bicep CLI {version} was not found after restoring {toolsProject}.");
        }

        private static IEnumerable<string> Candidates(string toolsProject, string version)
        {
            var assets = Path.Combine(Path.GetDirectoryName(toolsProject)!, "obj", "project.assets.json");
            if (File.Exists(assets))
            {
                using var document = JsonDocument.Parse(File.ReadAllText(assets));
                foreach (var folder in document.RootElement.GetProperty("packageFolders").EnumerateObject())
                {
                    yield return Path.Combine(folder.Name, PackageId, version, "tools", "bicep");
                }
            }

            if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages)
            {
                yield return Path.Combine(packages, PackageId, version, "tools", "bicep");
            }

            yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", PackageId, version, "tools", "bicep");
        }
    }

    private static (int ExitCode, string Log) Run(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var standardError = process.StandardError.ReadToEndAsync();
        var standardOutput = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{fileName} timed out.\n{standardOutput}");
        }

        return (process.ExitCode, standardOutput + standardError.GetAwaiter().GetResult());
    }
}
