// Communication Services Email. Until the operator has verified a domain of their own (docs/DEPLOY.md, "The mail
// domain"), mail goes out from an Azure-managed domain (DoNotReply@<guid>.azurecomm.net, low sending limits).
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string

@description('Data residency of the Communication Services resources.')
param dataLocation string = 'Europe'

@description('A customer-managed domain already added to this email service and verified (DNS); empty: the Azure-managed one.')
param customDomain string

@description('Local part of the sender address.')
param senderUserName string

resource emailService 'Microsoft.Communication/emailServices@2023-04-01' = {
  name: 'ecs-${resourceToken}'
  location: 'global'
  tags: tags
  properties: { dataLocation: dataLocation }
}

resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

// Created and verified outside the template (verification waits on DNS records), so only referred to here.
resource verifiedDomain 'Microsoft.Communication/emailServices/domains@2023-04-01' existing = if (!empty(customDomain)) {
  parent: emailService
  name: customDomain
}

var senderDomainId = empty(customDomain) ? managedDomain.id : verifiedDomain.id
var senderDomain = empty(customDomain) ? managedDomain.properties.mailFromSenderDomain : verifiedDomain!.properties.mailFromSenderDomain

resource communication 'Microsoft.Communication/communicationServices@2023-04-01' = {
  name: 'acs-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [senderDomainId]
  }
}

output name string = communication.name
output emailServiceName string = emailService.name
output endpoint string = 'https://${communication.properties.hostName}'
output senderAddress string = '${senderUserName}@${senderDomain}'
