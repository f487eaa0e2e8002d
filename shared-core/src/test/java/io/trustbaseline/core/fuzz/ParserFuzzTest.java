package io.trustbaseline.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.problem.InvalidInputException;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.RequestParser;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.setting.aws.EksPodIdentity;
import io.trustbaseline.core.setting.azure.AksTrustedAccess;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the request and baseline parsers. In every build (regression mode) each runs its seed corpus, the samples
 * under {@code ParserFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1} ({@code .ci/fuzz}) Jazzer mutates them
 * for {@code maxDuration}. The oracle: a parser answers any input with a value or an {@link InvalidInputException}
 * (anything else is a crash), and a value it accepts holds the strict rules: it parses to the same value again
 * after a round trip through the JSON tree, its target's id re-parses strictly to the same target, every id in it
 * passes the strict id rules, and nothing forbidden made it into a baseline.
 */
class ParserFuzzTest {
    private static final Catalog CATALOG = Catalog.standard();
    private static final RequestParser REQUESTS = new RequestParser(CATALOG);
    private static final BaselineLoader BASELINES = new BaselineLoader(CATALOG);

    @FuzzTest(maxDuration = "60s")
    void requestParser(byte[] input) throws Exception {
        String json = new String(input, StandardCharsets.UTF_8);
        Request request;
        try {
            request = REQUESTS.parse(json, Trigger.TICKET);
        } catch (InvalidInputException refused) {
            assertTrue(!refused.errors().isEmpty(), "a refusal names at least one field and rule");
            return;
        }
        // accepted: one JSON document, nothing after it
        String canonical = Json.write(Json.MAPPER.readTree(json));
        assertEquals(request, REQUESTS.parse(canonical, Trigger.TICKET), "re-parses to the same value");
        assertStrictTarget(request.target());
        request.explicitSettings().orElse(List.of()).forEach(ParserFuzzTest::assertStrictItem);
    }

    @FuzzTest(maxDuration = "60s")
    void baselineLoader(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        Baseline baseline;
        try {
            baseline = BASELINES.parse(yaml);
        } catch (InvalidInputException refused) {
            assertTrue(!refused.errors().isEmpty(), "a refusal names at least one field and rule");
            return;
        }
        assertEquals(baseline, BASELINES.parse(yaml), "loads to the same value again");
        baseline.rules().forEach(rule -> rule.settings().forEach(item -> {
            assertStrictItem(item);
            if (item instanceof EksPodIdentity.Item pod && pod.role() != null) {
                pod.role().managedPolicyArns().forEach(p -> assertTrue(!baseline.guardrails().forbidsPolicy(p),
                        "a forbidden policy was accepted: " + p));
            }
        }));
    }

    private static void assertStrictTarget(Target target) {
        StringBuilder why = new StringBuilder();
        Target again = target instanceof AzureResourceId ? AzureResourceId.tryParse(target.id(), why).orElse(null)
                : EksClusterArn.tryParse(target.id(), why).orElse(null);
        assertEquals(target, again, "the accepted target's id passes the strict rules: " + why);
    }

    private static void assertStrictItem(SettingItem item) {
        if (item instanceof AksTrustedAccess.Item binding && binding.sourceResourceId() != null) {
            StringBuilder why = new StringBuilder();
            assertTrue(AzureResourceId.tryParse(binding.sourceResourceId(), why).isPresent(),
                    "an accepted source id breaks the strict rules: " + why);
            assertTrue(binding.sourceResourceId().chars().noneMatch(c -> Character.getType(c) == Character.CONTROL
                            || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR || c == '%'),
                    "an accepted source id carries a control character (C0 or C1), a line break or an escape");
        }
        if (item instanceof EksPodIdentity.Item pod) {
            for (String arn : new String[] {pod.roleArn(), pod.targetRoleArn()}) {
                assertTrue(arn == null || EksPodIdentity.ROLE_ARN.matcher(arn).matches(), "an accepted role ARN: " + arn);
            }
            assertTrue(pod.policy() == null || pod.disableSessionTags(), "a session policy with session tags on");
            assertTrue(pod.role() == null || !pod.role().restrictToCluster() || !pod.disableSessionTags(),
                    "a session-tag restriction without session tags");
        }
    }
}
