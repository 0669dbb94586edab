// The service's only data store: Table Storage for records, Blob Storage for files, and the
// Functions host's own state. Reached only with Microsoft Entra identities: shared keys are off.

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

param location string

param tags object

@description('Replication. Standard_LRS is enough for dev; Standard_ZRS survives a zone outage.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param skuName string

@description('Days a deleted or overwritten blob (and a deleted container) can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Days each nightly backup file cannot be changed or deleted, by anyone (time-based immutability on the backups container). Less than the daily retention, so the lifecycle rule can delete it.')
@minValue(1)
@maxValue(34)
param backupImmutabilityDays int = 30

@description('Days a daily backup is kept. The 1st of each month is kept as a monthly backup instead.')
@minValue(35)
param backupDailyRetentionDays int = 35

@description('Days a monthly backup (the one made on the 1st) is kept: 12 months.')
@minValue(35)
param backupMonthlyRetentionDays int = 365

// The app creates the same tables and containers at start-up (Platform/Storage/StorageNames.cs);
// declaring them here means a first request never waits for that, and nothing relies on it.
var tableNames = [
  'Councils'
  'PeerGroups'
  'Signups'
  'MailLedger'
  'AuditLog'
  'Assessments'
  'SubmittedAssessments'
  'Summits'
  'Suppressions'
  'ReportRuns'
  'MonthlySnapshots'
  'CouncilDomains'
  'EmailQuotas'
  'ConsoleSessions'
  'PeerAssessmentRequests'
  'ContentPacks'
  'Assessors'
  'SupportNeeds'
  'PanelSeats'
  'ErasedContacts'
]

var containerNames = [
  'reports'
  'evidence'
  'packs'
  'dataprotection'
  'backup-state'
  deploymentContainerName
]

// The nightly table backups (Backups/TableBackup.cs), tagged retention=daily or retention=monthly when written.
var backupsContainerName = 'backups'

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: false
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

// Versioning and soft delete let an organiser restore an overwritten report or a deleted evidence
// file, and let an operator roll the deployment package back to an earlier version.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in containerNames: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource backupsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: backupsContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Write once, read many: for backupImmutabilityDays after it is written, no key, identity or mistake can
// change or delete a backup file. The policy is left unlocked, so it can still be shortened or removed
// by someone with Owner on the account; docs/deploy.md says how and when to lock it.
resource backupsImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = {
  parent: backupsContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: backupImmutabilityDays
    allowProtectedAppendWrites: false
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

// The email outbox (Platform/Email/Queue): requests queue the email a person waits for, the queue-triggered
// SendQueuedEmail function sends it; the host moves a message that failed maxDequeueCount times to the poison queue.
var queueNames = [
  'email-outbox'
  'email-outbox-poison'
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

// Without versions being expired, every package upload and every re-written report would be kept
// (and billed) for ever.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-old-versions'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
            }
            actions: {
              version: {
                delete: {
                  daysAfterCreationGreaterThan: 90
                }
              }
            }
          }
        }
        {
          name: 'backups-daily'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${backupsContainerName}/']
              blobIndexMatch: [{ name: 'retention', op: '==', value: 'daily' }]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: backupDailyRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'backups-monthly'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${backupsContainerName}/']
              blobIndexMatch: [{ name: 'retention', op: '==', value: 'monthly' }]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: backupMonthlyRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'backup-state'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['backup-state/']
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: backupDailyRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [blobService, backupsImmutability]
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableNames string[] = tableNames
output backupDailyRetentionDays int = backupDailyRetentionDays
output backupMonthlyRetentionDays int = backupMonthlyRetentionDays
output containerNames string[] = concat(containerNames, [backupsContainerName])
