package io.trustbaseline.core.setting.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.trustbaseline.core.fake.Fixtures.EKS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustPolicyTest {
    private static final String EC2 = """
            {"Sid":"Ec2","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}""";
    private static final String PODS_ASSUME_ONLY = """
            {"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":"sts:AssumeRole"}""";

    private static String doc(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static JsonNode statements(String document) {
        try {
            return Json.MAPPER.readTree(document).path("Statement");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theStatementIsAddedAndOtherStatementsAreKept() {
        String merged = TrustPolicy.ensure(doc(EC2), null).orElseThrow();

        JsonNode s = statements(merged);
        assertEquals(2, s.size());
        assertEquals(tree(EC2), s.get(0));
        assertTrue(TrustPolicies.grantsPodIdentity(merged, null));
    }

    @Test
    void anIncompletePodsStatementIsReplacedNotDuplicated() {
        String merged = TrustPolicy.ensure(doc(EC2, PODS_ASSUME_ONLY), null).orElseThrow();

        JsonNode s = statements(merged);
        assertEquals(2, s.size());
        assertEquals(tree(EC2), s.get(0));
        assertEquals("sts:TagSession", s.get(1).path("Action").get(1).asText());
    }

    private static final TrustPolicy.Restriction API = new TrustPolicy.Restriction(EKS, "apps", "api");

    @Test
    void aCompletePolicyNeedsNoChange() {
        assertEquals(Optional.empty(), TrustPolicy.ensure(TrustPolicy.standard(null), null));
        assertEquals(Optional.empty(), TrustPolicy.ensure(TrustPolicy.standard(API), API));
    }

    @Test
    void restrictToClusterUsesTheDocumentedSessionTagKeysAndTheSourceAccount() {
        String merged = TrustPolicy.ensure(TrustPolicy.standard(null), API).orElseThrow();

        JsonNode equals = statements(merged).get(0).path("Condition").path("StringEquals");
        assertEquals(EKS.accountId(), equals.path("aws:SourceAccount").asText());
        assertEquals(EKS.id(), equals.path("aws:RequestTag/eks-cluster-arn").asText());
        assertEquals("apps", equals.path("aws:RequestTag/kubernetes-namespace").asText());
        assertEquals("api", equals.path("aws:RequestTag/kubernetes-service-account").asText());
        assertTrue(statements(merged).get(0).path("Condition").path("ArnEquals").isMissingNode(),
                "aws:SourceArn is not a key the EKS User Guide restricts Pod Identity with");
        assertTrue(TrustPolicies.grantsPodIdentity(merged, API));
        assertFalse(TrustPolicies.grantsPodIdentity(TrustPolicy.standard(null), API),
                "an unrestricted statement does not satisfy a restricted item");
    }

    /** Explicit Deny, as IAM evaluates it: each of these keeps Pod Identity out whatever the Allow says. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}",
            "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\"}",
            "{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\"}",
            "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":[\"ec2.amazonaws.com\",\"pods.eks.amazonaws.com\"]},\"Action\":[\"STS:TagSession\"]}",
            "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:Assume*\"}",
            "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"NotAction\":\"s3:*\"}",
            "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"1\"}}}",
            // the service principal in other letter case: a Deny that may name Pod Identity is taken to name it
            "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"PODS.EKS.AMAZONAWS.COM\"},\"Action\":\"sts:AssumeRole\"}"})
    void anExplicitDenyOfPodIdentityWinsOverItsAllow(String deny) {
        String allow = statements(TrustPolicy.standard(null)).get(0).toString();
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[" + allow + "," + deny + "]}";

        assertTrue(TrustPolicy.deniesPodIdentity(document), deny);
        assertFalse(TrustPolicies.grantsPodIdentity(document, null), deny);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}",
            "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"sts:*\"}",
            "{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},\"Action\":\"s3:*\"}"})
    void aDenyThatCannotApplyToPodIdentityLeavesItsAllow(String deny) {
        String allow = statements(TrustPolicy.standard(null)).get(0).toString();
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[" + allow + "," + deny + "]}";

        assertFalse(TrustPolicy.deniesPodIdentity(document), deny);
        assertTrue(TrustPolicies.grantsPodIdentity(document, null), deny);
    }

    @Test
    void aSingleStatementObjectDocumentBecomesAnArrayKeepingThatStatement() {
        String merged = TrustPolicy.ensure("{\"Version\":\"2012-10-17\",\"Statement\":" + EC2 + "}", null).orElseThrow();

        JsonNode s = statements(merged);
        assertTrue(s.isArray());
        assertEquals(2, s.size());
        assertEquals(tree(EC2), s.get(0));
    }

    @Test
    void aSingleStatementObjectThatGrantsAlreadyNeedsNoChange() {
        String single = "{\"Version\":\"2012-10-17\",\"Statement\":"
                + statements(TrustPolicy.standard(null)).get(0) + "}";
        assertEquals(Optional.empty(), TrustPolicy.ensure(single, null));
    }

    @Test
    void stsWildcardCountsAsBothActions() {
        String wildcard = """
                {"Effect":"Allow","Principal":{"Service":["pods.eks.amazonaws.com"]},"Action":"sts:*"}""";
        assertTrue(TrustPolicies.grantsPodIdentity(doc(wildcard), null));
    }

    @Test
    void aPodsStatementSharedWithAnotherServiceKeepsThatServicesTrust() {
        String shared = """
                {"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","pods.eks.amazonaws.com"]},"Action":"sts:AssumeRole"}""";

        String merged = TrustPolicy.ensure(doc(shared), null).orElseThrow();

        JsonNode s = statements(merged);
        assertTrue(TrustPolicies.grantsPodIdentity(merged, null));
        boolean ec2Kept = false;
        for (JsonNode statement : s) {
            ec2Kept |= statement.path("Principal").path("Service").toString().contains("ec2.amazonaws.com");
        }
        assertTrue(ec2Kept, "ec2.amazonaws.com lost its trust: " + merged);
    }

    @Test
    void anOwnersConditionOnThePodsStatementIsKeptWhenNoRestrictionIsAsked() {
        String conditioned = """
                {"Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},
                 "Action":["sts:AssumeRole","sts:TagSession"],
                 "Condition":{"StringEquals":{"aws:RequestTag/kubernetes-namespace":"payments"}}}""";

        assertEquals(Optional.empty(), TrustPolicy.ensure(doc(conditioned), null),
                "replacing it with an unconditioned statement would widen who may assume the role");
    }
}
