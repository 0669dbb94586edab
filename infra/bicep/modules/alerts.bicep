// Azure Monitor alerts, each sent to one action group that emails the operators. What each alert
// means and what to do: docs/runbook.md (the headings match the alert names below).

param namePrefix string

param tags object

@description('Address the action group emails. Empty: the alerts still fire and show in the portal, but email no one.')
param alertEmail string

param applicationInsightsId string

param functionAppHostName string

param storageAccountId string

param location string

var timers = {
  monthly: 'MonthlyProgressWorkbooks'
  snapshots: 'RefreshDashboardSnapshots'
  purge: 'PurgeExpiredVerifications'
  backup: 'BackupTables'
  poison: 'CountPoisonedEmail'
  panels: 'PeerAssessmentPanelReminders'
}

// A timer run shows in Application Insights as the host's request named after the function, and as
// the handler's own request "POST /<name>"; either counts.
var timerRuns = 'requests | extend fn = trim_start("POST /", name)'

// Each log alert fires when its query returns any row; the "did not run" queries return a row only
// when, at the time of checking, the last run should have happened and none succeeded.
var logAlerts = [
  {
    name: 'http-5xx-rate'
    severity: 1
    description: 'More than 5% of requests answered 5xx in 15 minutes (at least 20 requests).'
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= 20 and todouble(failed) / total > 0.05'
  }
  {
    name: 'timer-failed'
    severity: 1
    description: 'A timer function (workbooks, snapshots, purge, backup, poisoned-email count, panel reminders) failed.'
    frequency: 'PT15M'
    window: 'PT15M'
    query: '${timerRuns} | where fn in ("${timers.monthly}", "${timers.snapshots}", "${timers.purge}", "${timers.backup}", "${timers.poison}", "${timers.panels}") and success == false | project timestamp, fn, resultCode'
  }
  {
    name: 'timer-missed-${timers.snapshots}'
    severity: 2
    description: 'RefreshDashboardSnapshots (every 15 minutes) has not succeeded for an hour.'
    frequency: 'PT15M'
    window: 'PT1H'
    query: 'let ran = toscalar(${timerRuns} | where fn == "${timers.snapshots}" and success == true | count); print missed = ran == 0 | where missed'
  }
  {
    name: 'timer-missed-${timers.purge}'
    severity: 2
    description: 'PurgeExpiredVerifications (daily at 03:00 UTC) has not succeeded for 26 hours.'
    frequency: 'PT1H'
    window: 'P2D'
    query: 'let ran = toscalar(${timerRuns} | where timestamp > ago(26h) and fn == "${timers.purge}" and success == true | count); print missed = ran == 0 | where missed'
  }
  {
    name: 'timer-missed-${timers.panels}'
    severity: 2
    description: 'PeerAssessmentPanelReminders (daily at 07:00 UTC) has not succeeded for 26 hours.'
    frequency: 'PT1H'
    window: 'P2D'
    query: 'let ran = toscalar(${timerRuns} | where timestamp > ago(26h) and fn == "${timers.panels}" and success == true | count); print missed = ran == 0 | where missed'
  }
  {
    name: 'timer-missed-${timers.backup}'
    severity: 1
    description: 'BackupTables (hourly 01:00 to 05:00 UTC) has not succeeded since 06:00 UTC yesterday.'
    frequency: 'PT1H'
    window: 'P2D'
    query: 'let ran = toscalar(${timerRuns} | where timestamp > ago(26h) and fn == "${timers.backup}" and success == true | count); print missed = ran == 0 and hourofday(now()) >= 6 | where missed'
  }
  {
    name: 'timer-missed-${timers.monthly}'
    severity: 1
    description: 'MonthlyProgressWorkbooks (06:00 UTC on the 1st) has not succeeded by 08:00 UTC on the 1st.'
    frequency: 'PT1H'
    window: 'P1D'
    query: 'let ran = toscalar(${timerRuns} | where fn == "${timers.monthly}" and success == true | count); print missed = dayofmonth(now()) == 1 and hourofday(now()) >= 8 and ran == 0 | where missed'
  }
  {
    name: 'mail-not-accepted'
    severity: 2
    description: 'SendGrid did not accept an email or a batch (the mail ledger marked it failed).'
    frequency: 'PT15M'
    window: 'PT15M'
    query: 'traces | where severityLevel >= 3 and message has "was not accepted for delivery" | project timestamp, message'
  }
  {
    // The poison queue is not empty: CountPoisonedEmail (every 15 minutes) logs this line only while emails wait
    // there, so the alert stays on until they are sent again, and clears by itself after. Storage's queue metrics
    // count every queue in the account together, so a metric alert could not tell this queue apart.
    name: 'email-poison-queue'
    severity: 2
    description: 'Emails wait in email-outbox-poison: each failed every try. An organiser sends them again from the console (Poisoned email).'
    frequency: 'PT15M'
    window: 'PT30M'
    query: 'traces | where message has "Poisoned email waiting" | project timestamp, message'
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'lgs-ops'
    enabled: true
    emailReceivers: empty(alertEmail)
      ? []
      : [
          {
            name: 'operators'
            emailAddress: alertEmail
            useCommonAlertSchema: true
          }
        ]
  }
}

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in logAlerts: {
    name: '${namePrefix}-${alert.name}'
    location: location
    tags: tags
    properties: {
      displayName: alert.name
      description: alert.description
      severity: alert.severity
      enabled: true
      scopes: [applicationInsightsId]
      evaluationFrequency: alert.frequency
      windowSize: alert.window
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [actionGroup.id]
      }
    }
  }
]

// Health from outside: Application Insights calls /api/health from three regions every 5 minutes.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${namePrefix}-health'
  location: location
  tags: union(tags, { 'hidden-link:${applicationInsightsId}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}-health'
    Name: 'health'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [
      { Id: 'emea-gb-db3-azr' }
      { Id: 'emea-nl-ams-azr' }
      { Id: 'emea-fr-pra-edge' }
    ]
    Request: {
      RequestUrl: 'https://${functionAppHostName}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 14
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-health-failing'
  location: 'global'
  tags: union(tags, { 'hidden-link:${applicationInsightsId}': 'Resource', 'hidden-link:${healthTest.id}': 'Resource' })
  properties: {
    description: '/api/health failed from two or more test locations: storage is unreachable or the app is down.'
    severity: 0
    enabled: true
    scopes: [healthTest.id, applicationInsightsId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsightsId
      failedLocationCount: 2
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

resource storageThrottling 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-storage-throttling'
  location: 'global'
  tags: tags
  properties: {
    description: 'Storage answered ServerBusy, a server timeout or throttled requests (503) in the last 5 minutes.'
    severity: 2
    enabled: true
    scopes: [storageAccountId]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'throttled'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          metricName: 'Transactions'
          dimensions: [
            {
              name: 'ResponseType'
              operator: 'Include'
              values: ['ServerBusyError', 'ServerTimeoutError', 'ClientThrottlingError']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

output actionGroupId string = actionGroup.id
