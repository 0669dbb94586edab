// The function app that hosts the ASP.NET Core custom handler, and its plan.
// Flex Consumption (FC1) is the default. Elastic Premium (EP1) is the fallback for the case where
// Flex does not run the custom handler in a region: same app, same settings, same identity.

param appName string

param planName string

param location string

param tags object

@allowed(['FlexConsumption', 'ElasticPremium'])
param hostingPlan string

@description('Flex Consumption: memory of each instance in MB.')
@allowed([2048, 4096])
param instanceMemoryMB int

@description('Flex Consumption: most instances the app scales out to. Elastic Premium: most instances of the plan (capped at 20).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

param storageAccountName string

param storageBlobEndpoint string

param storageQueueEndpoint string

param deploymentContainerName string

@description('Application Insights connection string. Not a secret: the component refuses key-only ingestion.')
param applicationInsightsConnectionString string

param sendGridApiKeySecretUri string

param adminKeySecretUri string

param readKeySecretUri string

param tokenSigningKeySecretUri string

@secure()
@description('The organiser key, the same value as the Key Vault secret the app reads, set as the host key "organiser". Empty: leave the host key as it is.')
param organiserHostKey string = ''

@description('Base of the links in emails. Empty: the app\'s own https://{default host name}.')
param publicBaseUrl string

@description('Plain (non-secret) app settings added to the infrastructure ones.')
param appSettings object

var isFlex = hostingPlan == 'FlexConsumption'

var deploymentContainerUrl = '${storageBlobEndpoint}${deploymentContainerName}'

// The name the package has in the deployment container on Elastic Premium (Flex names its own).
var elasticPremiumPackageName = 'functionapp.zip'

var keyVaultReference = {
  sendGridApiKey: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeySecretUri})'
  adminKey: '@Microsoft.KeyVault(SecretUri=${adminKeySecretUri})'
  readKey: '@Microsoft.KeyVault(SecretUri=${readKeySecretUri})'
  tokenSigningKey: '@Microsoft.KeyVault(SecretUri=${tokenSigningKeySecretUri})'
}

var infrastructureSettings = {
  // Identity-based host storage; the handler reads the same setting (Platform/Storage/StorageRegistration.cs).
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  // System-assigned identity: no ClientId part.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  SendGrid__ApiKey: keyVaultReference.sendGridApiKey
  LocalGovStandard__AdminKey: keyVaultReference.adminKey
  LocalGovStandard__ReadKey: keyVaultReference.readKey
  LocalGovStandard__TokenSigningKey: keyVaultReference.tokenSigningKey
  LocalGovStandard__PublicBaseUrl: empty(publicBaseUrl) ? 'https://${app.properties.defaultHostName}' : publicBaseUrl
  // The email queue trigger's connection (function.json "connection": "EmailQueue"), identity-based like the host's.
  EmailQueue__queueServiceUri: storageQueueEndpoint
  EmailQueue__credential: 'managedidentity'
  // The Functions host fires the timers and delivers the email queue; the handler must not do either too
  // (it also turns both off itself when it sees FUNCTIONS_CUSTOMHANDLER_PORT).
  Timers__RunInProcess: 'false'
  EmailQueue__RunInProcess: 'false'
  // The handler serves '/' itself; the host's default home page must not answer there.
  AzureWebJobsDisableHomepage: 'true'
}

// Flex rejects these (functionAppConfig carries the runtime and the package); EP needs them.
// The package is read from the deployment container with the app's identity: no SAS, no shared key,
// and no Azure Files content share (which would need a storage key).
var elasticPremiumSettings = isFlex
  ? {}
  : {
      FUNCTIONS_EXTENSION_VERSION: '~4'
      FUNCTIONS_WORKER_RUNTIME: 'custom'
      WEBSITE_RUN_FROM_PACKAGE: '${deploymentContainerUrl}/${elasticPremiumPackageName}'
      WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: 'SystemAssigned'
    }

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex
    ? {
        name: 'FC1'
        tier: 'FlexConsumption'
      }
    : {
        name: 'EP1'
        tier: 'ElasticPremium'
      }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: isFlex ? null : min(maximumInstanceCount, 20)
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // The Functions stacks API gives custom handlers on Linux an empty linuxFxVersion (the default
      // Functions image); the handler is self-contained, so it needs no language runtime in the image.
      linuxFxVersion: isFlex ? null : ''
      minimumElasticInstanceCount: isFlex ? null : 1
      functionAppScaleLimit: isFlex ? null : min(maximumInstanceCount, 20)
    }
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: deploymentContainerUrl
              authentication: {
                type: 'SystemAssignedIdentity'
              }
            }
          }
          scaleAndConcurrency: {
            instanceMemoryMB: instanceMemoryMB
            maximumInstanceCount: maximumInstanceCount
          }
          runtime: {
            name: 'custom'
            version: '1.0'
          }
        }
      : null
  }
}

// A separate resource (not siteConfig.appSettings) so the settings are one flat object, and so the
// site exists, with its identity, before settings that need that identity are applied.
resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, infrastructureSettings, elasticPremiumSettings)
}

// Basic-auth publishing (FTP and the SCM site with a user name and password) is off: deployments
// authenticate with Microsoft Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

// The host checks `authLevel: function` before the handler sees a request; without this key every
// /api/admin/* call would answer 401 at the host. One value, two checks: the host's (its key store)
// and the handler's (the Key Vault reference above), both set from the same parameter on every deploy.
// Bicep has no type definitions for host keys (BCP081), though ARM deploys them: the shape is the REST
// API's "Create Or Update Host Secret" body, {properties: {name, value}}.
#disable-next-line BCP081
resource organiserKey 'Microsoft.Web/sites/host/functionKeys@2024-04-01' = if (!empty(organiserHostKey)) {
  name: '${app.name}/default/organiser'
  properties: {
    name: 'organiser'
    value: organiserHostKey
  }
  dependsOn: [settings]
}

output name string = app.name
output id string = app.id
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
output uri string = 'https://${app.properties.defaultHostName}'
output planSku string = plan.sku.name
