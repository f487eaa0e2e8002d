package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Key vaults ({@code Microsoft.KeyVault/vaults}): Vaults_Get, Vaults_ListBySubscription, Vaults_ListByResourceGroup
 * and Vaults_Update, in the Key Vault management API's wire format (2023-07-01 and later: the vault's SKU and
 * {@code networkAcls} sit under {@code properties}). Vaults_Update is synchronous, as the official updateVault example
 * shows: 200 with the vault as it now is; each property sent replaces the stored one, so a {@code networkAcls} is kept
 * exactly as sent. Stricter than the other tracked types, as Key Vault is:
 * <ul>
 *   <li>an api-version the provider does not register is refused with 400 {@code NoRegisteredProviderFound}, worded as
 *       ARM words it (for example Azure/azure-cli#18483: "No registered resource provider found for location ... and
 *       API version ... for type 'vaults'. The supported api-versions are ...");</li>
 *   <li>a PATCH whose {@code networkAcls.bypass} is not {@code AzureServices} or {@code None}, or whose
 *       {@code defaultAction} is not {@code Allow} or {@code Deny} (the NetworkRuleBypassOptions and NetworkRuleAction
 *       enums of the Key Vault swagger's NetworkRuleSet), is refused with 400 {@code BadRequest} and changes nothing.</li>
 * </ul>
 * A vault or group that does not exist answers ARM's 404s ({@code ResourceNotFound}, {@code ResourceGroupNotFound}).
 */
final class KeyVaults {
    /** The stable api-versions of the Key Vault management swagger for vaults; previews are refused here. */
    static final List<String> API_VERSIONS = List.of("2015-06-01", "2016-10-01", "2018-02-14", "2019-09-01",
            "2021-10-01", "2022-07-01", "2022-11-01", "2023-02-01", "2023-07-01", "2024-11-01", "2025-05-01");
    private static final Set<String> BYPASS = Set.of("azureservices", "none");
    private static final Set<String> DEFAULT_ACTIONS = Set.of("allow", "deny");

    private KeyVaults() { }

    static List<ArmEndpoint> endpoints() {
        ResourceKind kind = ResourceKind.VAULTS;
        String read = kind.type() + "/read";
        String byGroup = "/subscriptions/{sub}/resourceGroups/{rg}/providers/" + kind.type();
        return List.of(
                ArmEndpoint.of("GET", "/subscriptions/{sub}/providers/" + kind.type(), "Vaults_ListBySubscription", read,
                        call -> TrackedResources.list(checked(call), kind, null)),
                ArmEndpoint.of("GET", byGroup, "Vaults_ListByResourceGroup", read,
                        call -> TrackedResources.list(checked(call), kind, call.param("rg"))),
                ArmEndpoint.of("GET", byGroup + "/{name}", "Vaults_Get", read,
                        call -> TrackedResources.get(checked(call), kind)),
                ArmEndpoint.of("PATCH", byGroup + "/{name}", "Vaults_Update", kind.type() + "/write",
                        call -> TrackedResources.update(validPatch(checked(call)), kind)));
    }

    private static ArmCall checked(ArmCall call) {
        if (!API_VERSIONS.contains(call.apiVersion())) {
            throw ArmError.badRequest("NoRegisteredProviderFound", "No registered resource provider found for API version '"
                    + call.apiVersion() + "' for type 'vaults'. The supported api-versions are '"
                    + String.join(", ", API_VERSIONS) + "'.");
        }
        return call;
    }

    private static ArmCall validPatch(ArmCall call) {
        JsonNode acls = call.body().path("properties").path("networkAcls");
        enumValue(acls, "bypass", BYPASS, "'AzureServices' or 'None'");
        enumValue(acls, "defaultAction", DEFAULT_ACTIONS, "'Allow' or 'Deny'");
        return call;
    }

    private static void enumValue(JsonNode acls, String field, Set<String> allowed, String rule) {
        JsonNode value = acls.get(field);
        if (value != null && !value.isNull()
                && !(value.isTextual() && allowed.contains(value.asText().toLowerCase(Locale.ROOT)))) {
            throw ArmError.badRequest("BadRequest", "Invalid value '" + value.asText() + "' for properties.networkAcls."
                    + field + ": it must be " + rule + ".");
        }
    }
}
