// The static front end. Standard tier: its linked backend serves /api from the Function App on the same
// origin, so the session cookie stays first-party (SameSite) and no CORS is needed for the API.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: 'swa-${resourceToken}'
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    stagingEnvironmentPolicy: 'Enabled'
    allowConfigFileUpdates: true
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostname}'
