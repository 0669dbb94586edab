// Parameters for dev and prod in one file. LGS_ENVIRONMENT (dev, the default, or prod) picks a
// column of the table below; any LGS_* variable overrides its row. azd passes the azd environment's
// values as environment variables, so `azd env set LGS_ENVIRONMENT prod` is all prod needs; with the
// az CLI, export the variables before `az deployment group create`. See docs/deploy.md.
using './main.bicep'

// Lookups by name rather than comparisons: an unknown value (LGS_ENVIRONMENT=production) fails the
// build instead of quietly falling back to dev.
var defaults = {
  dev: {
    name: 'dev'
    maximumInstanceCount: 40
    storageSku: 'Standard_LRS'
    blobSoftDeleteRetentionDays: 7
    logRetentionInDays: 30
    logDailyCapGb: 1
    keyVaultPurgeProtection: false
  }
  prod: {
    name: 'prod'
    maximumInstanceCount: 100
    storageSku: 'Standard_ZRS'
    blobSoftDeleteRetentionDays: 30
    logRetentionInDays: 90
    logDailyCapGb: 5
    keyVaultPurgeProtection: true
  }
}

var hostingPlans = {
  FlexConsumption: 'FlexConsumption'
  ElasticPremium: 'ElasticPremium'
}

var instanceMemorySizes = {
  '2048': 2048
  '4096': 4096
}

var principalTypes = {
  User: 'User'
  Group: 'Group'
  ServicePrincipal: 'ServicePrincipal'
}

var selected = defaults[readEnvironmentVariable('LGS_ENVIRONMENT', 'dev')]
var maximumInstanceCountOverride = readEnvironmentVariable('LGS_MAXIMUM_INSTANCE_COUNT', '')

param environmentType = selected.name
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'lgs-${selected.name}')
param location = readEnvironmentVariable('AZURE_LOCATION', 'uksouth')

param hostingPlan = hostingPlans[readEnvironmentVariable('LGS_HOSTING_PLAN', 'FlexConsumption')]
param instanceMemoryMB = instanceMemorySizes[readEnvironmentVariable('LGS_INSTANCE_MEMORY_MB', '2048')]
param maximumInstanceCount = empty(maximumInstanceCountOverride)
  ? selected.maximumInstanceCount
  : int(maximumInstanceCountOverride)

param storageSku = selected.storageSku
param blobSoftDeleteRetentionDays = selected.blobSoftDeleteRetentionDays
param logRetentionInDays = selected.logRetentionInDays
param logDailyCapGb = selected.logDailyCapGb
param keyVaultPurgeProtection = selected.keyVaultPurgeProtection

param publicBaseUrl = readEnvironmentVariable('LGS_PUBLIC_BASE_URL', '')
param sendGridFromEmail = readEnvironmentVariable('LGS_SENDGRID_FROM_EMAIL', 'standard@localgov.digital')
param allowedEmailDomains = readEnvironmentVariable('LGS_ALLOWED_EMAIL_DOMAINS', 'gov.uk,gov.scot,gov.wales,llyw.cymru')
param contactEmail = readEnvironmentVariable('LGS_CONTACT_EMAIL', 'standard@localgov.digital')
param feedbackUrl = readEnvironmentVariable('LGS_FEEDBACK_URL', '')
param dataController = readEnvironmentVariable('LGS_DATA_CONTROLLER', 'LocalGov Digital')

// Secrets: empty leaves the Key Vault secret as it is. azure.yaml's preprovision hook generates the
// admin, read and token-signing keys once per azd environment; rotate with `az keyvault secret set`.
param sendGridApiKey = readEnvironmentVariable('LGS_SENDGRID_API_KEY', '')
param adminKey = readEnvironmentVariable('LGS_ADMIN_KEY', '')
param readKey = readEnvironmentVariable('LGS_READ_KEY', '')
param tokenSigningKey = readEnvironmentVariable('LGS_TOKEN_SIGNING_KEY', '')

param operatorPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param operatorPrincipalType = principalTypes[readEnvironmentVariable('LGS_OPERATOR_PRINCIPAL_TYPE', 'User')]
param alertEmail = readEnvironmentVariable('LGS_ALERT_EMAIL', '')
