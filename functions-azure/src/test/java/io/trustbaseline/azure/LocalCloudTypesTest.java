package io.trustbaseline.azure;

import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.TargetType;
import io.trustbaseline.localcloud.arm.TrackedType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The local cloud states the ARM types it serves as the cloud does, on its own; the functions' registry
 * ({@link TargetType}) states the types they manage. They must agree: every managed Azure type is served under the
 * world key the registry names, and where the emulator enforces a name rule, it is the registry's.
 */
class LocalCloudTypesTest {

    @Test
    void theLocalCloudServesEveryManagedAzureTypeUnderItsWorldKeyAndNameRule() {
        Map<String, TrackedType> served = TrackedType.all().stream()
                .collect(Collectors.toMap(t -> t.armType().toLowerCase(), Function.identity()));
        Map<String, String> managedKeys = TargetType.of(Cloud.AZURE).stream()
                .collect(Collectors.toMap(t -> t.resourceType().toLowerCase(), TargetType::worldKey));

        assertEquals(managedKeys, served.values().stream()
                .collect(Collectors.toMap(t -> t.armType().toLowerCase(), TrackedType::worldKey)));
        for (TargetType type : TargetType.of(Cloud.AZURE)) {
            served.get(type.resourceType().toLowerCase()).names().ifPresent(names -> assertEquals(
                    type.nameRule().pattern().pattern(), names.pattern(), type + "'s name rule"));
        }
    }
}
