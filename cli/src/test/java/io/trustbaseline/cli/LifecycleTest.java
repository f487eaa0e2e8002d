package io.trustbaseline.cli;

import io.trustbaseline.cli.bench.AzureLifecycle;
import io.trustbaseline.cli.bench.Lifecycle;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle simulation at small scale: CreateCluster events through the real queue (ElasticMQ: visibility,
 * redrive) and the queue handler, with clusters becoming ready at random, transient faults, duplicate events,
 * host crashes and bad messages; on Azure the same through the Event Grid function, Azurite's Storage queue and a
 * host loop with host.json's semantics. Nothing is lost, nothing is written twice, and every message ends once.
 */
class LifecycleTest {

    @Test
    void everyMessageEndsOnceNothingIsLostNothingIsWrittenTwiceAndTheSlowClusterIsDeadLetteredWithItsReason() {
        Lifecycle.Settings settings = new Lifecycle.Settings(8, 1, 1, 4_000, Duration.ofSeconds(20), 0.10, 0.25,
                0.10, 7);

        Lifecycle.Figures figures = Lifecycle.run(settings, Path.of(".."));

        assertEquals(0, figures.lost(), figures::table);
        assertEquals(0, figures.duplicateWrites(), figures::table);
        assertEquals(8, figures.compliantClusters(), figures::table);
        // The slow cluster's work is dead-lettered once per copy of it (a duplicate event, a crash's redelivery).
        assertTrue(figures.deadLettered().values().stream().mapToInt(Integer::intValue).sum() >= 1, figures::table);
        for (String reason : figures.deadLettered().keySet()) {
            assertTrue(reason.startsWith("the target is CREATING, not ready; nothing written — still so after 20 s"), reason);
        }
        assertTrue(figures.retried() > 0, figures::table);
        assertTrue(figures.faultsInjected() > 0, figures::table);
    }

    @Test
    void onAzureEveryMessageEndsOnceNothingIsLostNothingIsWrittenTwiceAndTheSlowClusterGoesToThePoisonQueueWithItsReason() {
        Lifecycle.Settings settings = new Lifecycle.Settings(8, 1, 1, 4_000, Duration.ofSeconds(20), 0.10, 0.25,
                0.10, 7);

        Lifecycle.Figures figures = AzureLifecycle.run(settings, Path.of(".."));

        assertEquals(0, figures.lost(), figures::table);
        assertEquals(0, figures.duplicateWrites(), figures::table);
        assertEquals(8, figures.compliantClusters(), figures::table);
        assertTrue(figures.deadLettered().values().stream().mapToInt(Integer::intValue).sum() >= 1, figures::table);
        for (String reason : figures.deadLettered().keySet()) {
            assertTrue(reason.startsWith("the target is Creating, not ready; nothing written — still so after 20 s"), reason);
        }
        assertTrue(figures.retried() > 0, figures::table);
        assertTrue(figures.faultsInjected() > 0, figures::table);
    }
}
