// The app's one storage account: tables, queues and blobs, reached only with Entra identities.
// Every table, queue and container the app uses is created here, not on first use.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string

@description('Origins allowed to PUT attachments straight to Blob Storage with a SAS.')
param allowedOrigins array

@description('Days after which an upload never linked to a ticket (blob under attachments/pending/) is deleted.')
@minValue(1)
param pendingUploadRetentionDays int

var deploymentContainerName = 'app-package'

// The app's names (tests/UnitTests/Infra checks them against the constants in src/Functions).
var tableNames = [
  'accountemails'
  'accounts'
  'accounttokens'
  'autoclosedue'
  'catalogue'
  'certificateclaims'
  'certificatereminders'
  'certificates'
  'customercertificates'
  'expirations'
  'idempotency'
  'kbarticles'
  'kbfeedback'
  'mailsent'
  'operations'
  'outboxdue'
  'partners'
  'savedreplies'
  'sessions'
  'staff'
  'staffqueue'
  'throttle'
  'ticketids'
  'ticketindex'
  'tickets'
  'webhookevents'
]
var queueNames = [
  'notifications'
  'notifications-poison'
  'ticket-changes'
  'ticket-changes-poison'
  'webhooks'
  'webhooks-poison'
]
var containerNames = [
  'attachments'
  'keys'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    cors: {
      corsRules: [
        {
          allowedOrigins: allowedOrigins
          allowedMethods: ['PUT', 'OPTIONS']
          allowedHeaders: ['content-type', 'x-ms-blob-type', 'x-ms-version', 'x-ms-date', 'x-ms-client-request-id', 'x-ms-blob-content-type']
          exposedHeaders: ['etag', 'x-ms-request-id']
          maxAgeInSeconds: 600
        }
      ]
    }
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for name in containerNames: {
  parent: blobs
  name: name
  properties: { publicAccess: 'None' }
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for name in tableNames: {
  parent: tableService
  name: name
}]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for name in queueNames: {
  parent: queueService
  name: name
}]

// Uploads go to attachments/pending/{account}/{id}; linking one to a ticket moves it to attachments/{account}/{id}
// (src/Functions/Tickets/BlobAttachments.cs). So whatever is still under pending/ after a day was never linked.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-unlinked-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['attachments/pending/']
            }
            actions: {
              baseBlob: {
                delete: { daysAfterCreationGreaterThan: pendingUploadRetentionDays }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [containers]
}

output name string = account.name
output id string = account.id
output deploymentContainerName string = deploymentContainer.name
