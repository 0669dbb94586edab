// LocalGov Standard: everything the service needs in one resource group.
//   azd up                                   (azure.yaml; parameters from main.bicepparam)
//   az deployment group create -g <rg> --parameters infra/bicep/main.bicepparam
// See docs/deploy.md for the steps, the parameters and what it costs.
targetScope = 'resourceGroup'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd: AZURE_ENV_NAME). Seeds the unique resource names and tags every resource.')
param environmentName string

@description('Region for every resource. Flex Consumption must be available there.')
param location string = resourceGroup().location

@description('dev or prod: recorded in the tags; main.bicepparam picks the other defaults from it.')
@allowed(['dev', 'prod'])
param environmentType string = 'dev'

@description('FlexConsumption (FC1, the default) or ElasticPremium (EP1, always-on fallback).')
@allowed(['FlexConsumption', 'ElasticPremium'])
param hostingPlan string = 'FlexConsumption'

@description('Flex Consumption: memory of each instance in MB.')
@allowed([2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to (Flex: up to 1000; EP1: capped at 20). A cost and blast-radius limit.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Storage replication.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string = 'Standard_LRS'

@description('Days deleted or overwritten blobs (reports, evidence, packages) can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteRetentionDays int = 7

@description('Days Log Analytics and Application Insights keep telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Daily telemetry ingestion cap in GB (cost guard); -1 for none.')
param logDailyCapGb int = 1

@description('Key Vault purge protection. Recommended for prod; cannot be turned off once on.')
param keyVaultPurgeProtection bool = false

@description('Base of the links in emails, e.g. https://standard.localgov.digital. Empty: the function app\'s default host name.')
param publicBaseUrl string = ''

@description('Sender address: must be a verified sender (or domain) in SendGrid.')
param sendGridFromEmail string = 'standard@localgov.digital'

@description('Comma-separated email domains a council contact may use (subdomains included).')
param allowedEmailDomains string = 'gov.uk,gov.scot,gov.wales,llyw.cymru'

@description('Contact address shown in every page\'s footer, on error pages and in the accessibility statement and privacy notice.')
param contactEmail string = 'standard@localgov.digital'

@description('Where the phase banner\'s feedback link goes: an https form or a mailto address. Empty: an email to contactEmail.')
param feedbackUrl string = ''

@description('The data controller named in the privacy notice.')
param dataController string = 'LocalGov Digital'

@secure()
@description('SendGrid API key. Empty: leave the Key Vault secret as it is.')
param sendGridApiKey string = ''

@secure()
@description('Organiser key for /api/admin/*. Empty: leave the Key Vault secret as it is.')
param adminKey string = ''

@secure()
@description('Read key for the OData feed at /odata (Power BI). Empty: leave the Key Vault secret as it is.')
param readKey string = ''

@secure()
@description('HMAC key for signed links, at least 32 characters. Empty: leave the Key Vault secret as it is.')
param tokenSigningKey string = ''

@description('Address the Azure Monitor alerts email (docs/runbook.md). Empty: the alerts fire in the portal only.')
param alertEmail string = ''

@description('Optional user or group object id given Key Vault Secrets Officer and Storage Blob Data Contributor (azd: AZURE_PRINCIPAL_ID).')
param operatorPrincipalId string = ''

@allowed(['User', 'Group', 'ServicePrincipal'])
param operatorPrincipalType string = 'User'

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  environment: environmentType
  service: 'localgov-standard'
}

var names = {
  storage: 'st${resourceToken}'
  functionApp: 'func-lgs-${resourceToken}'
  plan: 'plan-lgs-${resourceToken}'
  keyVault: 'kv-lgs-${resourceToken}'
  applicationInsights: 'appi-lgs-${resourceToken}'
  logAnalytics: 'log-lgs-${resourceToken}'
  deploymentContainer: 'app-package'
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    softDeleteRetentionDays: blobSoftDeleteRetentionDays
    deploymentContainerName: names.deploymentContainer
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: logRetentionInDays
    dailyCapGb: logDailyCapGb
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    softDeleteRetentionInDays: environmentType == 'prod' ? 90 : 7
    enablePurgeProtection: keyVaultPurgeProtection
    sendGridApiKey: sendGridApiKey
    adminKey: adminKey
    readKey: readKey
    tokenSigningKey: tokenSigningKey
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    appName: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    hostingPlan: hostingPlan
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerName: names.deploymentContainer
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    sendGridApiKeySecretUri: keyVault.outputs.sendGridApiKeyUri
    adminKeySecretUri: keyVault.outputs.adminKeyUri
    readKeySecretUri: keyVault.outputs.readKeyUri
    tokenSigningKeySecretUri: keyVault.outputs.tokenSigningKeyUri
    organiserHostKey: adminKey
    publicBaseUrl: publicBaseUrl
    appSettings: {
      SendGrid__FromEmail: sendGridFromEmail
      LocalGovStandard__AllowedEmailDomains: allowedEmailDomains
      LocalGovStandard__Contact__Email: contactEmail
      LocalGovStandard__Contact__FeedbackUrl: feedbackUrl
      LocalGovStandard__Essentials__DataController: dataController
      // The privacy notice states the backup lifecycle rule's own numbers.
      LocalGovStandard__Essentials__BackupDailyRetentionDays: string(storage.outputs.backupDailyRetentionDays)
      LocalGovStandard__Essentials__BackupMonthlyRetentionDays: string(storage.outputs.backupMonthlyRetentionDays)
    }
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: 'lgs-${resourceToken}'
    location: location
    tags: tags
    alertEmail: alertEmail
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    functionAppHostName: functionApp.outputs.defaultHostName
    storageAccountId: storage.outputs.id
  }
}

// Names known before deployment (not module outputs) keep what-if predictions exact. The order is
// still right: the app's principal id makes this wait for functionApp, which waits for the rest.
module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    appResourceId: resourceId('Microsoft.Web/sites', names.functionApp)
    appPrincipalId: functionApp.outputs.principalId
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_HOSTING_PLAN string = hostingPlan
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_DEPLOYMENT_CONTAINER string = names.deploymentContainer
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
