// The function's least-privilege custom role, assigned at subscription scope, with an ABAC condition so that its
// roleAssignments/write can only grant the given roles (the two storage roles of workspace-storage-roles).
targetScope = 'subscription'

param roleName string
param actions array
param principalId string
param assignableRoleIds array

resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, roleName)
  properties: {
    roleName: roleName
    description: 'trust-baseline: applies AKS trusted access, ACR and storage trusted-service bypass and ML workspace storage roles.'
    type: 'CustomRole'
    assignableScopes: [ subscription().id ]
    permissions: [
      {
        actions: actions
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

var allowedRoles = join(assignableRoleIds, ', ')

resource grant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, role.id)
  properties: {
    roleDefinitionId: role.id
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'trust-baseline function identity; may only assign the storage roles its workspace setting needs.'
    conditionVersion: '2.0'
    condition: '((!(ActionMatches{\'Microsoft.Authorization/roleAssignments/write\'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${allowedRoles}}))'
  }
}

output roleDefinitionId string = role.id
