// The service's three secrets. RBAC mode: access comes from role assignments (roles.bicep), never
// from access policies. A secret is written only when its parameter is non-empty, so re-running
// the deployment without secrets keeps the current versions instead of rotating or blanking them.

@minLength(3)
@maxLength(24)
param name string

param location string

param tags object

@description('Days a deleted vault or secret can be recovered (7-90).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Purge protection: deleted secrets cannot be purged before the retention ends. Cannot be turned off once on.')
param enablePurgeProtection bool

@secure()
param sendGridApiKey string

@secure()
param adminKey string

@secure()
param readKey string

@secure()
param tokenSigningKey string

// Names the app settings refer to; shared with functionapp.bicep through the outputs.
var secretNames = {
  sendGridApiKey: 'sendgrid-api-key'
  adminKey: 'admin-key'
  readKey: 'read-key'
  tokenSigningKey: 'token-signing-key'
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API accepts true or nothing: false is rejected, so "off" is expressed as null.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: secretNames.sendGridApiKey
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key (Mail Send permission only)'
  }
}

resource adminKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(adminKey)) {
  parent: vault
  name: secretNames.adminKey
  properties: {
    value: adminKey
    contentType: 'Organiser key for /api/admin/*'
  }
}

resource readKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(readKey)) {
  parent: vault
  name: secretNames.readKey
  properties: {
    value: readKey
    contentType: 'Read key for the OData feed at /odata'
  }
}

resource tokenSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(tokenSigningKey)) {
  parent: vault
  name: secretNames.tokenSigningKey
  properties: {
    value: tokenSigningKey
    contentType: 'HMAC key for signed links, at least 32 characters'
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri

// Version-less URIs: a Key Vault reference built from one follows the secret's latest version.
output sendGridApiKeyUri string = '${vault.properties.vaultUri}secrets/${secretNames.sendGridApiKey}'
output adminKeyUri string = '${vault.properties.vaultUri}secrets/${secretNames.adminKey}'
output readKeyUri string = '${vault.properties.vaultUri}secrets/${secretNames.readKey}'
output tokenSigningKeyUri string = '${vault.properties.vaultUri}secrets/${secretNames.tokenSigningKey}'
