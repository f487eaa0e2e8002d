package io.trustbaseline.core.setting.aws;

import com.fasterxml.jackson.databind.JsonNode;

/** What tests ask of a trust policy that the setting itself never needs to. */
final class TrustPolicies {
    private TrustPolicies() { }

    /**
     * Whether {@code document} lets Pod Identity assume the role (for {@code restrictTo}'s cluster, when given) and
     * denies it nowhere.
     */
    static boolean grantsPodIdentity(String document, TrustPolicy.Restriction restrictTo) {
        if (TrustPolicy.deniesPodIdentity(document)) {
            return false;
        }
        for (JsonNode s : TrustPolicy.statements(TrustPolicy.parse(document))) {
            if (TrustPolicy.grants(s, restrictTo)) {
                return true;
            }
        }
        return false;
    }
}
