// trust-baseline on Azure Functions: the function app (Java 17, Linux, consumption) with a system-assigned identity,
// its storage (the two ticket queues and the Event Grid dead-letter container), the Key Vault holding the baseline,
// a least-privilege custom role at subscription scope, and the Event Grid subscription on the subscription's
// resource writes.
//
// Deploy (README.md, "Deploying"; the deployer needs Owner on the subscription, or Contributor on the resource
// group and User Access Administrator on the subscription, for the custom role and the role assignments):
//   az login
//   app=$(az deployment group create -g rg-trust-baseline -f infra/azure/main.bicep \
//     -p baselineYaml="$(cat events-samples/baseline.yaml)" deployEventSubscription=false \
//     --query properties.outputs.functionAppName.value -o tsv)
//   ./mvnw -B -pl functions-azure -am package -DfunctionAppName="$app"
//   ./mvnw -B -pl functions-azure azure-functions:deploy -DfunctionAppName="$app" -DfunctionResourceGroup=rg-trust-baseline
//   az deployment group create -g rg-trust-baseline -f infra/azure/main.bicep
// The last run adds the Event Grid subscription, which needs the ResourceWritten function to exist.
targetScope = 'resourceGroup'

@description('Location of the function app and its storage.')
param location string = resourceGroup().location

@description('Globally unique name of the function app.')
param appName string = 'trust-baseline-${uniqueString(resourceGroup().id)}'

@description('The baseline YAML document (events-samples/baseline.yaml is the documented example), written as a new version of the Key Vault secret the app reads. Empty: the secret is left as it is.')
@secure()
param baselineYaml string = ''

@description('Comma-separated subscription ids the timer sweeps; the role is granted on this deployment\'s subscription.')
param sweepSubscriptions string = subscription().subscriptionId

@description('NCRONTAB schedule of the sweep.')
param sweepSchedule string = '0 0 */6 * * *'

@description('true: every request is planned, nothing is written.')
param dryRun bool = false

@description('Optional address the alert rules notify (an action group with an email receiver); empty = no notification.')
param alertEmail string = ''

@description('Webhook notifications of failed, blocked and lapsed-exemption items: slack, teams, or empty (off).')
@allowed([ '', 'slack', 'teams' ])
param notifyWebhookFormat string = ''

@description('The Key Vault secret holding the webhook URL (https://<vault>.vault.azure.net/secrets/<name>); grant the app\'s identity Key Vault Secrets User on it.')
param notifyWebhookSecretUri string = ''

@description('false on the first run, before the code is deployed: the Event Grid subscription needs the function.')
param deployEventSubscription bool = true

// The role's permissions live in permissions.json, the one file local-cloud also loads and enforces (a call the role
// does not grant is refused there as ARM refuses it), and InfraRoleTest proves each action is needed.
var permissions = loadJsonContent('permissions.json')

// Key Vault Secrets User: read secret contents. The app reads the baseline through a Key Vault reference.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
// The host's storage through the app's identity (Azure Functions, "Connecting to host storage with an identity"):
// Storage Blob Data Owner for the host's own blobs (leases, timer schedules) and the sweep-results container, Storage
// Queue Data Contributor for the queue trigger, the output binding and the functions' own sends to trust-requests and
// its poison queue.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var baselineSecretName = 'trust-baseline'

var requestsQueue = 'trust-requests'
var resultsQueue = 'trust-results'
var deadLetterContainer = 'eventgrid-deadletter'
var sweepResultsContainer = 'sweep-results'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take('tb${uniqueString(resourceGroup().id, appName)}', 24)
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource requests 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: requestsQueue
}

resource results 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: resultsQueue
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deadLetters 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainer
}

// The sweeps' per-target reports (JSON Lines under sweeps/date=…/sweep=…/) and summaries, which operators query.
resource sweepResults 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: sweepResultsContainer
}

// The baseline's home: a Key Vault secret, versioned and audited, that operators update without redeploying
// (az keyvault secret set --vault-name <vault> --name trust-baseline --file baseline.yaml, then restart the app).
// The app reads it through a Key Vault reference app setting, which the platform resolves with the app's own
// identity: simpler than a blob read in code (no storage SDK, no second credential path) and the same
// TRUST_BASELINE_YAML setting the functions already read.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('tbkv${uniqueString(resourceGroup().id, appName)}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
  }
}

resource baselineSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(baselineYaml)) {
  parent: vault
  name: baselineSecretName
  properties: {
    value: baselineYaml
    contentType: 'application/yaml'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${appName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${appName}-plan'
  location: location
  kind: 'functionapp'
  sku: { name: 'Y1', tier: 'Dynamic' }
  properties: { reserved: true }
}

// The webhook URL is a credential: the app reads it through a Key Vault reference, never as a plain value.
var notificationSettings = empty(notifyWebhookFormat) ? [] : [
  { name: 'NOTIFY_WEBHOOK_FORMAT', value: notifyWebhookFormat }
  { name: 'NOTIFY_WEBHOOK_URL', value: '@Microsoft.KeyVault(SecretUri=${notifyWebhookSecretUri})' }
]

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'Java|17'
      // WorkerConcurrency.AZURE: one instance runs host.json's batchSize + newBatchThreshold workers, within ARM's rate.
      functionAppScaleLimit: 1
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat([
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'java' }
        // No account key anywhere: the host and the functions reach the storage account with the app's identity.
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'TRUST_BASELINE_YAML', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=${baselineSecretName})' }
        { name: 'SWEEP_SUBSCRIPTIONS', value: sweepSubscriptions }
        { name: 'SWEEP_SCHEDULE', value: sweepSchedule }
        { name: 'SWEEP_RESULTS_CONTAINER_URL', value: '${storage.properties.primaryEndpoints.blob}${sweepResultsContainer}' }
        { name: 'DRY_RUN', value: string(dryRun) }
      ], notificationSettings)
    }
  }
}

// The app's identity may read the secrets of its own vault, which holds only the baseline.
resource appReadsBaseline 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, app.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The app's identity uses its own storage account: the host's blobs, the sweep results, and the queues.
resource appOwnsHostBlobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appUsesQueues 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageQueueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The custom role and its assignment live at subscription scope.
module access 'subscription-access.bicep' = {
  name: 'trust-baseline-access-${uniqueString(app.id)}'
  scope: subscription()
  params: {
    roleName: 'trust-baseline function (${appName})'
    actions: permissions.actions
    principalId: app.identity.principalId
    assignableRoleIds: permissions.assignableRoleDefinitionIds
  }
}

// Resource writes of the whole subscription, as a system topic (location global for subscription sources).
resource writes 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: '${appName}-resource-writes'
  location: 'global'
  properties: {
    source: subscription().id
    topicType: 'Microsoft.Resources.Subscriptions'
  }
}

resource toFunction 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (deployEventSubscription) {
  parent: writes
  name: 'resource-written'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${app.id}/functions/ResourceWritten'
        maxEventsPerBatch: 1
      }
    }
    filter: {
      includedEventTypes: [ 'Microsoft.Resources.ResourceWriteSuccess' ]
      advancedFilters: [
        {
          operatorType: 'StringIn'
          key: 'data.operationName'
          values: [
            'Microsoft.ContainerService/managedClusters/write'
            'Microsoft.ContainerRegistry/registries/write'
            'Microsoft.Storage/storageAccounts/write'
            'Microsoft.MachineLearningServices/workspaces/write'
            'Microsoft.KeyVault/vaults/write'
          ]
        }
      ]
    }
    // A cluster can take 10+ minutes to provision: retry for a day, then keep the event for inspection.
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterDestination: {
      endpointType: 'StorageBlob'
      properties: {
        resourceId: storage.id
        blobContainerName: deadLetterContainer
      }
    }
  }
  dependsOn: [ deadLetters ]
}

// ---- alert rules and their notification (docs/alarms.md) -----------------------------------------------------
// Both read the function app's Application Insights traces: the queue extension's line when it moves a ticket to
// the poison queue, and the TrustBaselineMetrics line that follows every report (docs/metrics.md).

resource alertGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${appName}-alerts'
  location: 'Global'
  properties: {
    groupShortName: 'trustbase'
    enabled: true
    emailReceivers: [ { name: 'operator', emailAddress: alertEmail, useCommonAlertSchema: true } ]
  }
}

var alertActions = empty(alertEmail) ? {} : { actionGroups: [ alertGroup.id ] }

resource poisonQueueAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${appName}-poison-queue'
  location: location
  properties: {
    displayName: 'trust-baseline: a ticket reached ${requestsQueue}-poison'
    description: 'A ticket was moved to the poison queue after the retries (not ready or failing). See docs/alarms.md.'
    severity: 2
    enabled: true
    scopes: [ insights.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'traces | where message has "Moving message to queue \'${requestsQueue}-poison\'"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: alertActions
  }
}

resource failedReportsAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${appName}-failed-reports'
  location: location
  properties: {
    displayName: 'trust-baseline: failed reports'
    description: 'A report ended failed or partial (an item failed or is blocked). See docs/alarms.md.'
    severity: 2
    enabled: true
    scopes: [ insights.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'traces | where message startswith "TrustBaselineMetrics " | extend doc = parse_json(substring(message, strlen("TrustBaselineMetrics "))) | mv-expand m = doc.metrics | where tostring(m.name) == "FailedReports" | summarize failed = sum(todouble(m.value)) by bin(timestamp, 5m)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failed'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: alertActions
  }
}

output functionAppName string = app.name
output principalId string = app.identity.principalId
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output requestsQueue string = requests.name
output resultsQueue string = results.name
