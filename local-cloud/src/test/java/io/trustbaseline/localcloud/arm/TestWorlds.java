package io.trustbaseline.localcloud.arm;

import io.trustbaseline.localcloud.World;

/** World files the ARM tests seed the local cloud with, in the world-file format of DESIGN.md. */
final class TestWorlds {
    static final String SUB = "11111111-1111-1111-1111-111111111111";
    static final String OTHER_SUB = "22222222-2222-2222-2222-222222222222";
    static final String RG = "rg-ml";
    static final String WORKSPACE_ID = "/subscriptions/" + SUB + "/resourceGroups/" + RG
            + "/providers/Microsoft.MachineLearningServices/workspaces/ws1";
    static final String STORAGE_ID = "/subscriptions/" + SUB + "/resourceGroups/" + RG
            + "/providers/Microsoft.Storage/storageAccounts/mlstore1";
    static final String WORKSPACE_PRINCIPAL = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String MLWORKLOAD = "Microsoft.MachineLearningServices/workspaces/mlworkload";
    static final String BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    static final String ACCOUNT_CONTRIBUTOR = "17d1049b-9a84-46fb-8f53-869881c3d3ab";

    private TestWorlds() { }

    /** One subscription with a ready cluster, a creating cluster, two registries, a storage account and a workspace. */
    static World standard() {
        return World.parse("""
            {
              "azure": {
                "subscriptions": {
                  "%1$s": {
                    "resourceGroups": {
                      "%2$s": {
                        "managedClusters": {
                          "aks1": { "location": "westeurope", "provisioningState": "Succeeded", "tags": { "env": "prod" },
                                    "kubernetesVersion": "1.31.2",
                                    "trustedAccessRoleBindings": {} },
                          "aks-new": { "location": "westeurope", "provisioningState": "Creating", "tags": {} }
                        },
                        "registries": {
                          "acrprod1": { "location": "westeurope", "sku": "Premium", "publicNetworkAccess": "Disabled",
                                        "networkRuleBypassOptions": "None", "provisioningState": "Succeeded", "tags": {} },
                          "acrbasic1": { "location": "westeurope", "sku": "Basic", "networkRuleBypassOptions": "AzureServices",
                                         "provisioningState": "Succeeded", "tags": {} }
                        },
                        "storageAccounts": {
                          "mlstore1": { "location": "westeurope", "sku": "Standard_LRS", "kind": "StorageV2",
                                        "networkAcls": { "defaultAction": "Deny", "bypass": "Logging, Metrics",
                                                         "ipRules": [ { "value": "203.0.113.7", "action": "Allow" } ],
                                                         "virtualNetworkRules": [] },
                                        "provisioningState": "Succeeded", "tags": {} }
                        },
                        "workspaces": {
                          "ws1": { "location": "westeurope", "hbiWorkspace": true, "storageAccount": "%3$s",
                                   "identity": { "type": "SystemAssigned", "principalId": "%4$s" }, "tags": {} }
                        }
                      }
                    },
                    "roleAssignments": []
                  },
                  "%5$s": { "resourceGroups": { "other": { "workspaces": {
                    "ws9": { "location": "westeurope", "identity": { "type": "SystemAssigned", "principalId": "bbbbbbbb-0000-0000-0000-000000000009" } } } } } }
                },
                "trustedAccessRoles": {
                  "westeurope": [
                    { "sourceResourceType": "Microsoft.MachineLearningServices/workspaces", "name": "mlworkload" },
                    { "sourceResourceType": "Microsoft.MachineLearningServices/workspaces", "name": "reader",
                      "rules": [ { "apiGroups": [""], "resources": ["pods"], "verbs": ["get"], "nonResourceURLs": [], "resourceNames": [] } ] },
                    { "sourceResourceType": "Microsoft.DataProtection/backupVaults", "name": "backup-operator" }
                  ]
                }
              },
              "faults": [],
              "latencyMs": 0
            }
            """.formatted(SUB, RG, STORAGE_ID, WORKSPACE_PRINCIPAL, OTHER_SUB));
    }
}
