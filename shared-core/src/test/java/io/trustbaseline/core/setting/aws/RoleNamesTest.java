package io.trustbaseline.core.setting.aws;

import io.trustbaseline.core.target.EksClusterArn;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleNamesTest {
    private static final String TEMPLATE = "{cluster}-{namespace}-{serviceAccount}";
    private static final EksClusterArn LONG_CLUSTER = EksClusterArn.of("eu-west-1", "111122223333", "c".repeat(100));

    @Test
    void aShortNameIsRenderedAsIs() {
        assertEquals("prod-eks-kube-system-ebs-csi-controller-sa", RoleNames.render(TEMPLATE,
                EksClusterArn.of("eu-west-1", "111122223333", "prod-eks"), "kube-system", "ebs-csi-controller-sa"));
    }

    @Test
    void aLongNameIsCutTo64AndEndsWithAHash() {
        String name = RoleNames.render(TEMPLATE, LONG_CLUSTER, "n".repeat(63), "s".repeat(200));

        assertEquals(RoleNames.MAX_LENGTH, name.length());
        assertTrue(name.matches("c{55}-[0-9a-f]{8}"), name);
    }

    @Test
    void renderingIsDeterministic() {
        assertEquals(RoleNames.render(TEMPLATE, LONG_CLUSTER, "team-a", "api"),
                RoleNames.render(TEMPLATE, LONG_CLUSTER, "team-a", "api"));
    }

    @Test
    void distinctLongInputsGiveDistinctNames() {
        String a = RoleNames.render(TEMPLATE, LONG_CLUSTER, "team-a", "api");
        String b = RoleNames.render(TEMPLATE, LONG_CLUSTER, "team-b", "api");

        assertTrue(a.length() <= 64 && b.length() <= 64);
        assertEquals(a.substring(0, 55), b.substring(0, 55), "the cut prefixes are the same");
        assertNotEquals(a, b);
    }

    @Test
    void everyRenderingIsAtMost64() {
        for (int n = 1; n <= 63; n += 7) {
            for (int s = 1; s <= 253; s += 31) {
                String name = RoleNames.render(TEMPLATE, LONG_CLUSTER, "n".repeat(n), "s".repeat(s));
                assertTrue(name.length() <= RoleNames.MAX_LENGTH, name);
            }
        }
    }
}
