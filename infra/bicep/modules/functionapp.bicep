// The Functions app (.NET 10 isolated) on Flex Consumption with a system-assigned identity.
// Every app setting comes from main.bicep (`settings`): there it is a fixed value, another resource's output or a
// documented parameter (docs/SETTINGS.md); tests/UnitTests/Infra checks the list against what the code reads.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string
param storageAccountName string
param deploymentContainerName string
param portalUrl string
param maximumInstanceCount int

@description('App settings, name to value. No secrets: storage, mail and telemetry use the managed identity.')
param settings object

@description('The plan → ticket priority table (Certificates__Plans__{plan}).')
param certificatePlans object

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${resourceToken}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: { reserved: true }
}

var planSettings = [for plan in items(certificatePlans): { name: 'Certificates__Plans__${plan.key}', value: plan.value }]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: { allowedOrigins: [portalUrl] }
      appSettings: concat(map(items(settings), setting => { name: setting.key, value: setting.value }), planSettings)
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Basic (user name + password) publishing off for both endpoints: deployment goes through Entra (azd).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

output id string = app.id
output name string = app.name
output principalId string = app.identity.principalId
output url string = 'https://${app.properties.defaultHostName}'
