// Log Analytics + workspace-based Application Insights; local (key) auth off, so the app sends with Entra.
// Alerts (to one action group) and saved queries read the log lines the app and the Functions host write;
// docs/DEPLOY.md "Alerts" says what each one means and what to do.
param location string
param tags object
@minLength(13)
@maxLength(13)
param resourceToken string

@description('Address the alerts are mailed to.')
param alertEmail string

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

resource operators 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'support-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// The Functions host writes "Message has reached MaxDequeueCount of 5. Moving message to queue '<queue>-poison'."
// (azure-webjobs-sdk QueueProcessor) when a queue function failed five times; the ticket-change repair logs
// "... it stays in ticket-changes-poison" when it gives a change up. Storage metrics cannot tell queues apart
// (QueueMessageCount is per account), so the alert reads these lines.
var poisonQuery = '''
AppTraces
| where (Message has "Moving message to queue" and Message has "-poison'") or Message has "stays in ticket-changes-poison"
| extend Queue = extract(@"(\S+-poison)", 1, Message)
| summarize Messages = count() by Queue
'''

// A failed invocation (a queue or timer function threw; host.json logs only failed invocations as requests:
// Host.Results is at Error) or an HTTP answer 500 and up (the API pipeline turns unexpected exceptions into 500 without
// failing the invocation, and logs "<Operation> <method> <path> answered <status> in <ms> ms" for every call).
var failureQuery = '''
union
  (AppRequests | where Success == false | project Function = Name),
  (AppTraces | where Message matches regex @"^\S+ [A-Z]+ \S+ answered 5\d\d in " | project Function = tostring(split(Message, " ")[0]))
| summarize Failures = count() by Function
'''

// TimerRunner logs "Timer AutoCloseStaleTickets completed: ..." after every run.
var autoCloseRunsQuery = '''
AppTraces
| where Message startswith "Timer AutoCloseStaleTickets completed"
| summarize Runs = count()
'''

var alerts = [
  {
    name: 'poison-messages'
    description: 'A message reached a *-poison queue (notifications, ticket-changes or webhooks): it failed five times and waits for an operator.'
    severity: 2
    query: poisonQuery
    frequency: 'PT5M'
    window: 'PT5M'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: [
      {
        name: 'Queue'
        operator: 'Include'
        values: ['*']
      }
    ]
    metric: 'Messages'
  }
  {
    name: 'function-failures'
    description: 'A function invocation failed or an API call answered 5xx.'
    severity: 2
    query: failureQuery
    frequency: 'PT5M'
    window: 'PT5M'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: [
      {
        name: 'Function'
        operator: 'Include'
        values: ['*']
      }
    ]
    metric: 'Failures'
  }
  {
    name: 'autoclose-not-run'
    description: 'The AutoCloseStaleTickets timer has not completed a run for a day: tickets do not close themselves and reminders are not sent.'
    severity: 1
    query: autoCloseRunsQuery
    frequency: 'PT1H'
    window: 'P1D'
    operator: 'LessThan'
    threshold: 1
    dimensions: []
    metric: 'Runs'
  }
]

resource logAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for alert in alerts: {
  name: 'alert-${alert.name}-${resourceToken}'
  location: location
  tags: tags
  properties: {
    displayName: 'Support: ${alert.name}'
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [workspace.id]
    evaluationFrequency: alert.frequency
    windowSize: alert.window
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Total'
          metricMeasureColumn: alert.metric
          dimensions: alert.dimensions
          operator: alert.operator
          threshold: alert.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [operators.id]
    }
  }
}]

var savedQueries = [
  {
    name: 'tickets-per-day'
    displayName: 'Tickets opened per day (portal and partners)'
    query: '''
AppTraces
| where Message matches regex @"^(SendTicket|PartnerOpenTicket) POST \S+ answered 201 "
| summarize Tickets = count() by Day = bin(TimeGenerated, 1d), Channel = tostring(split(Message, " ")[0])
| order by Day desc
'''
  }
  {
    name: 'mail-sent-and-failed'
    displayName: 'Mail deliveries per day: sent, failed attempts, given up'
    query: '''
let deliveries = AppTraces
| where Message startswith "Executed 'Functions.DeliverNotification' ("
| summarize Sent = countif(Message has "(Succeeded,"), FailedAttempts = countif(Message has "(Failed,") by Day = bin(TimeGenerated, 1d);
let givenUp = AppTraces
| where Message has "Moving message to queue 'notifications-poison'"
| summarize GivenUp = count() by Day = bin(TimeGenerated, 1d);
deliveries
| join kind=fullouter givenUp on Day
| project Day = coalesce(Day, Day1), Sent = coalesce(Sent, 0), FailedAttempts = coalesce(FailedAttempts, 0), GivenUp = coalesce(GivenUp, 0)
| order by Day desc
'''
  }
  {
    name: 'autoclose-sweeps'
    displayName: 'Auto-close sweep results'
    query: '''
AppTraces
| where Message startswith "Timer AutoCloseStaleTickets completed: "
| parse Message with "Timer AutoCloseStaleTickets completed: " Due:long " due, " Closed:long " closed, " Reminded:long " reminded, " Skipped:long " skipped" Rest
| extend Failed = toint(extract(@", (\d+) failed", 1, Rest)), Late = Rest has "(run late)"
| project TimeGenerated, Due, Closed, Reminded, Skipped, Failed = coalesce(Failed, 0), Late
| order by TimeGenerated desc
'''
  }
]

resource queries 'Microsoft.OperationalInsights/workspaces/savedSearches@2020-08-01' = [for query in savedQueries: {
  parent: workspace
  name: query.name
  properties: {
    category: 'SupportFunctions'
    displayName: query.displayName
    query: query.query
  }
}]

output applicationInsightsName string = insights.name
// Not a secret once local auth is disabled: it only says where telemetry goes.
output applicationInsightsConnectionString string = insights.properties.ConnectionString
output actionGroupId string = operators.id
