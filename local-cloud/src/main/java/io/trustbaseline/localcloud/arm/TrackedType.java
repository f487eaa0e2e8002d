package io.trustbaseline.localcloud.arm;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ARM resource type the local cloud serves, as a world file holds it: its type, the resource group's key for it,
 * and the name rule its resource provider enforces. The emulator states these as the cloud does, independently of
 * the functions' own registry; a test of the functions compares the two.
 */
public record TrackedType(String armType, String worldKey, Optional<Pattern> names) {

    /** Every tracked type, vaults included (served by their own endpoints). */
    public static List<TrackedType> all() {
        return ResourceKind.TRACKED.stream()
                .map(k -> new TrackedType(k.type(), k.worldKey(), Optional.ofNullable(k.names()))).toList();
    }
}
