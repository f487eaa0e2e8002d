package io.trustbaseline.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppSettingsTest {
    private final Map<String, String> env = Map.of("REGIONS", " eu-west-1, ,eu-central-1 ", "BLANK", "  ",
            "DRY_RUN", " true ");

    @Test
    void aListIsTrimmedAndSkipsEmptyEntries() {
        assertEquals(List.of("eu-west-1", "eu-central-1"), AppSettings.list(env, "REGIONS"));
        assertEquals(List.of(), AppSettings.list(env, "MISSING"));
    }

    @Test
    void aBlankSettingCountsAsUnset() {
        assertEquals(Optional.empty(), AppSettings.value(env, "BLANK"));
        assertFalse(AppSettings.flag(env, "BLANK"));
        assertTrue(AppSettings.flag(env, "DRY_RUN"));
    }
}
