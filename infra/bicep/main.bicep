// SupportFunctions on Azure: one resource group with storage (identity only), the Functions app on
// Flex Consumption, monitoring, Communication Services Email and the Static Web App front end.
// No secret is a setting: the app reaches storage, ACS and Application Insights with its managed identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags every resource.')
param environmentName string

@minLength(1)
@description('Region for every resource that is not global.')
param location string

@description('Region of the Static Web App (offered in fewer regions).')
param webLocation string = 'westeurope'

@description('Entra tenant whose tokens staff and partners present.')
param entraTenantId string = tenant().tenantId

@description('Application (client) id of the API app registration: the audience of staff and partner tokens.')
param apiClientId string = ''

@description('Support\'s IANA time zone: business days, working hours and the auto-close clock are counted in it.')
param supportTimeZone string = 'Europe/Moscow'

@description('Six-field CRON (UTC) of the AutoCloseStaleTickets timer.')
param autoCloseSchedule string = '0 5 * * * *'

@description('Largest number of Function App instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    allowedOrigins: [web.outputs.url]
  }
}

module mail 'modules/communication.bicep' = {
  scope: group
  params: {
    tags: tags
    resourceToken: resourceToken
  }
}

module web 'modules/staticwebapp.bicep' = {
  scope: group
  params: {
    location: webLocation
    tags: tags
    resourceToken: resourceToken
  }
}

module api 'modules/functionapp.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    communicationEndpoint: mail.outputs.endpoint
    mailFrom: mail.outputs.senderAddress
    portalUrl: web.outputs.url
    entraTenantId: entraTenantId
    apiClientId: apiClientId
    supportTimeZone: supportTimeZone
    autoCloseSchedule: autoCloseSchedule
    maximumInstanceCount: maximumInstanceCount
  }
}

module webBackend 'modules/staticwebapp-backend.bicep' = {
  scope: group
  params: {
    staticWebAppName: web.outputs.name
    functionAppId: api.outputs.id
    location: location
  }
}

module roles 'modules/roles.bicep' = {
  scope: group
  params: {
    principalId: api.outputs.principalId
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    communicationServiceName: mail.outputs.name
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = entraTenantId
output AZURE_RESOURCE_GROUP string = group.name
output API_NAME string = api.outputs.name
output API_URL string = api.outputs.url
output WEB_URL string = web.outputs.url
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
