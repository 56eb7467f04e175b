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

@description('Entra tenant whose tokens staff and partners present (AzureAd__TenantId).')
param entraTenantId string = tenant().tenantId

@description('Application (client) id of the API app registration: the audience of staff and partner tokens (AzureAd__ClientId).')
param apiClientId string = ''

@description('One more accepted token audience, e.g. a custom Application ID URI (AzureAd__Audience); empty for none.')
param apiAudience string = ''

@description('Application (client) id of the staff desk\'s SPA registration, baked into the web build (VITE_STAFF_CLIENT_ID). Empty: the desk offers no Entra sign-in.')
param staffClientId string = ''

@description('Tenant staff sign in to from the desk (VITE_STAFF_TENANT_ID); empty for the API\'s tenant.')
param staffTenantId string = ''

@description('Scope the desk asks tokens for (VITE_STAFF_API_SCOPE); empty for api://{apiClientId}/.default.')
param staffApiScope string = ''

@description('Address Azure Monitor mails alerts to (poison messages, function failures, auto-close not run).')
@minLength(3)
param alertEmail string

@description('A domain of your own for mail, added to the email service and verified first (docs/DEPLOY.md, "The mail domain"); empty: the Azure-managed domain.')
param mailDomain string = ''

@description('Local part of the address mail is sent from (Mail__Acs__SenderAddress is {mailSenderUserName}@{domain}).')
param mailSenderUserName string = 'DoNotReply'

@description('Days an upload never linked to a ticket is kept before the storage lifecycle rule deletes it.')
@minValue(1)
param pendingUploadRetentionDays int = 2

// App settings with a default in the code: the same defaults here (docs/SETTINGS.md says what each one does).
@description('Api__MaxRequestBodyBytes: largest JSON body accepted.')
param apiMaxRequestBodyBytes int = 262144

@description('Certificates__Plans__{plan}: the plan → ticket priority table.')
param certificatePlans object = {
  basic: 'low'
  standard: 'normal'
  extended: 'high'
  premium: 'critical'
}

@description('Certificates__GuessesPerAccountPerHour')
param certificateGuessesPerAccountPerHour int = 10

@description('Certificates__GuessesPerClientPerHour')
param certificateGuessesPerClientPerHour int = 30

@description('Tickets__ReopenWindow: how long after closing a customer may reopen a ticket.')
param ticketReopenWindow string = '14.00:00:00'

@description('Tickets__MaxAttachmentBytes')
param ticketMaxAttachmentBytes int = 26214400

@description('Tickets__MaxAttachmentsPerMessage')
param ticketMaxAttachmentsPerMessage int = 10

@description('Tickets__UploadLinkLifetime: how long the write-only upload SAS works.')
param ticketUploadLinkLifetime string = '00:10:00'

@description('Tickets__UploadKeptFor: how long an upload waits to be linked before its record is purged.')
param ticketUploadKeptFor string = '1.00:00:00'

@description('Tickets__DownloadLinkLifetime')
param ticketDownloadLinkLifetime string = '00:05:00'

@description('Tickets__IdBlockSize: ticket ids a process reserves at once.')
param ticketIdBlockSize int = 20

@description('BusinessCalendar__Country: which shipped production calendar business days count on.')
param calendarCountry string = 'ru'

@description('BusinessCalendar__TimeZone: support\'s IANA time zone; business days, working hours and the auto-close clock are counted in it.')
param supportTimeZone string = 'Europe/Moscow'

@description('BusinessCalendar__WorkdayStart')
param workdayStart string = '09:00'

@description('BusinessCalendar__WorkdayEnd')
param workdayEnd string = '18:00'

@description('Support__FirstResponseTargets__{priority}: working time to the first staff answer.')
param firstResponseTargets object = {
  Critical: '01:00:00'
  High: '04:00:00'
  Normal: '08:00:00'
  Low: '16:00:00'
  Minimal: '1.00:00:00'
}

@description('Support__AutoCloseBusinessDays')
param autoCloseBusinessDays int = 3

@description('Support__ReminderBusinessDaysBefore; 0 sends no reminder.')
param reminderBusinessDaysBefore int = 1

@description('AutoCloseSchedule: six-field CRON (UTC) of the AutoCloseStaleTickets timer.')
param autoCloseSchedule string = '0 5 * * * *'

@description('Desk__DispatchDelay')
param deskDispatchDelay string = '00:00:01'

@description('Desk__CommitDeadline')
param deskCommitDeadline string = '00:02:00'

@description('Partners__RequestsPerMinute: calls a partner may make per clock minute on each instance.')
param partnerRequestsPerMinute int = 120

@description('Limits__*: ticket creates, replies and upload slots a customer account and a client address may ask for in each window, per instance (then 429 with Retry-After).')
param customerLimits object = {
  Window: '00:10:00'
  TicketsPerCustomer: 30
  TicketsPerAddress: 120
  RepliesPerCustomer: 120
  RepliesPerAddress: 480
  UploadsPerCustomer: 120
  UploadsPerAddress: 480
}

@description('Webhooks__RetryDelays: comma-separated pauses before the retries of one webhook event.')
param webhookRetryDelays string = '00:00:30,00:02:00,00:10:00,00:30:00,02:00:00'

@description('Webhooks__DisableAfterFailures: failed deliveries in a row after which a webhook is disabled.')
param webhookDisableAfterFailures int = 10

@description('Webhooks__Timeout: how long a delivery waits for the partner\'s answer.')
param webhookTimeout string = '00:00:10'

@description('Kb__RefreshInterval: how often the knowledge base reloads its articles.')
param kbRefreshInterval string = '00:00:05'

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
    alertEmail: alertEmail
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    allowedOrigins: [web.outputs.url]
    pendingUploadRetentionDays: pendingUploadRetentionDays
  }
}

module mail 'modules/communication.bicep' = {
  scope: group
  params: {
    tags: tags
    resourceToken: resourceToken
    customDomain: mailDomain
    senderUserName: mailSenderUserName
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
    portalUrl: web.outputs.url
    maximumInstanceCount: maximumInstanceCount
    certificatePlans: certificatePlans
    // Every setting the app reads in Azure (docs/SETTINGS.md); tests/UnitTests/Infra holds this list to the code.
    settings: {
      AzureWebJobsStorage__accountName: storage.outputs.name
      AzureWebJobsStorage__credential: 'managedidentity'
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
      Api__MaxRequestBodyBytes: string(apiMaxRequestBodyBytes)
      // One storage try's limit and the tries after it: a call gives up within about 31 s and the API answers 503.
      Storage__NetworkTimeout: '00:00:10'
      Storage__MaxRetries: '2'
      AzureAd__Instance: environment().authentication.loginEndpoint
      AzureAd__TenantId: entraTenantId
      AzureAd__ClientId: apiClientId
      AzureAd__Audience: apiAudience
      DevIdentity__Enabled: 'false'
      Certificates__GuessesPerAccountPerHour: string(certificateGuessesPerAccountPerHour)
      Certificates__GuessesPerClientPerHour: string(certificateGuessesPerClientPerHour)
      Tickets__ReopenWindow: ticketReopenWindow
      Tickets__MaxAttachmentBytes: string(ticketMaxAttachmentBytes)
      Tickets__MaxAttachmentsPerMessage: string(ticketMaxAttachmentsPerMessage)
      Tickets__UploadLinkLifetime: ticketUploadLinkLifetime
      Tickets__UploadKeptFor: ticketUploadKeptFor
      Tickets__DownloadLinkLifetime: ticketDownloadLinkLifetime
      Tickets__IdBlockSize: string(ticketIdBlockSize)
      BusinessCalendar__Country: calendarCountry
      BusinessCalendar__TimeZone: supportTimeZone
      BusinessCalendar__WorkdayStart: workdayStart
      BusinessCalendar__WorkdayEnd: workdayEnd
      Support__FirstResponseTargets__Critical: firstResponseTargets.Critical
      Support__FirstResponseTargets__High: firstResponseTargets.High
      Support__FirstResponseTargets__Normal: firstResponseTargets.Normal
      Support__FirstResponseTargets__Low: firstResponseTargets.Low
      Support__FirstResponseTargets__Minimal: firstResponseTargets.Minimal
      Support__AutoCloseBusinessDays: string(autoCloseBusinessDays)
      Support__ReminderBusinessDaysBefore: string(reminderBusinessDaysBefore)
      AutoCloseSchedule: autoCloseSchedule
      Desk__DispatchDelay: deskDispatchDelay
      Desk__CommitDeadline: deskCommitDeadline
      Partners__RequestsPerMinute: string(partnerRequestsPerMinute)
      Limits__Window: customerLimits.Window
      Limits__TicketsPerCustomer: string(customerLimits.TicketsPerCustomer)
      Limits__TicketsPerAddress: string(customerLimits.TicketsPerAddress)
      Limits__RepliesPerCustomer: string(customerLimits.RepliesPerCustomer)
      Limits__RepliesPerAddress: string(customerLimits.RepliesPerAddress)
      Limits__UploadsPerCustomer: string(customerLimits.UploadsPerCustomer)
      Limits__UploadsPerAddress: string(customerLimits.UploadsPerAddress)
      Webhooks__RetryDelays: webhookRetryDelays
      Webhooks__DisableAfterFailures: string(webhookDisableAfterFailures)
      Webhooks__Timeout: webhookTimeout
      Kb__RefreshInterval: kbRefreshInterval
      Mail__Sender: 'acs'
      Mail__Acs__Endpoint: mail.outputs.endpoint
      Mail__Acs__SenderAddress: mail.outputs.senderAddress
      Portal__BaseUrl: web.outputs.url
    }
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
output EMAIL_SERVICE_NAME string = mail.outputs.emailServiceName
output MAIL_SENDER_ADDRESS string = mail.outputs.senderAddress
// The web build reads these (azd passes its environment to `npm run build`; see azure.yaml and docs/DEPLOY.md).
output VITE_STAFF_CLIENT_ID string = staffClientId
output VITE_STAFF_TENANT_ID string = empty(staffTenantId) ? entraTenantId : staffTenantId
output VITE_STAFF_API_SCOPE string = empty(staffApiScope) ? (empty(apiClientId) ? '' : 'api://${apiClientId}/.default') : staffApiScope
