// Log Analytics + workspace-based Application Insights; local (key) auth off, so the app sends with Entra.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${resourceToken}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = insights.name
// Not a secret once local auth is disabled: it only says where telemetry goes.
output applicationInsightsConnectionString string = insights.properties.ConnectionString
