// Routes the Static Web App's /api to the Function App.
param staticWebAppName string
param functionAppId string
param location string

resource site 'Microsoft.Web/staticSites@2024-04-01' existing = {
  name: staticWebAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: location
  }
}
