package io.trustbaseline.azure;

import com.azure.storage.blob.BlobContainerClientBuilder;
import io.trustbaseline.azure.arm.ArmConnection;
import io.trustbaseline.azure.local.LocalQueue;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.sweep.SweepLaunch;
import io.trustbaseline.core.sweep.SweepSummary;
import io.trustbaseline.localcloud.azure.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.trustbaseline.azure.AzureTestCloud.context;
import static io.trustbaseline.azure.AzureTestCloud.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Blob Storage results store against Azurite's blob service, over HTTP with the real SDK client. */
class BlobResultsStoreTest {
    private static Azurite azurite;

    @BeforeAll
    static void startAzurite() {
        azurite = Azurite.startBlobs();
    }

    @AfterAll
    static void stopAzurite() {
        azurite.close();
    }

    /** A container of its own per test: tests share the emulator. */
    private static BlobResultsStore store(String container) {
        return BlobResultsStore.connect(azurite.connectionString(), container).createIfMissing();
    }

    private static String container() {
        return "results-" + UUID.randomUUID();
    }

    @Test
    void anObjectWrittenIsReadBackWholeAndReplacedByTheNextWriteOfItsKey() {
        BlobResultsStore store = store(container());

        store.put("sweeps/date=2026-12-02/sweep=s-1/part-1.jsonl", "{\"a\":1}\n{\"b\":2}\n");
        store.put("sweeps/latest.json", "{\"v\":1}");
        store.put("sweeps/latest.json", "{\"v\":2}");

        assertEquals(Optional.of("{\"a\":1}\n{\"b\":2}\n"), store.get("sweeps/date=2026-12-02/sweep=s-1/part-1.jsonl"));
        assertEquals(Optional.of("{\"v\":2}"), store.get("sweeps/latest.json"));
    }

    @Test
    void aMissingObjectIsEmptyNotAnError() {
        assertEquals(Optional.empty(), store(container()).get("sweeps/latest.json"));
    }

    @Test
    void perTargetReportsAreJsonLinesAndSummariesJson() {
        String name = container();
        BlobResultsStore store = store(name);

        store.put("sweeps/date=2026-12-02/sweep=s-1/part-1.jsonl", "{}\n");
        store.put("sweeps/latest.json", "{}");

        var container = new BlobContainerClientBuilder().connectionString(azurite.connectionString()).containerName(name)
                .buildClient();
        assertEquals("application/x-ndjson", container.getBlobClient("sweeps/date=2026-12-02/sweep=s-1/part-1.jsonl")
                .getProperties().getContentType());
        assertEquals("application/json", container.getBlobClient("sweeps/latest.json").getProperties().getContentType());
    }

    @Test
    void keysAreThoseUnderThePrefixOnly() {
        BlobResultsStore store = store(container());
        store.put("sweeps/date=2026-12-02/sweep=s-1/a.jsonl", "{}\n");
        store.put("sweeps/date=2026-12-02/sweep=s-1/b.jsonl", "{}\n");
        store.put("sweeps/date=2026-12-02/sweep=s-2/a.jsonl", "{}\n");

        assertEquals(List.of("sweeps/date=2026-12-02/sweep=s-1/a.jsonl", "sweeps/date=2026-12-02/sweep=s-1/b.jsonl"),
                store.keys("sweeps/date=2026-12-02/sweep=s-1/"));
    }

    private static boolean isJsonObject(String line) {
        try {
            return Json.MAPPER.readTree(line).isObject();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void anAzureSweepsReportsLandInItsPartitionAndTheSummaryIsReadBackFromIt() {
        BlobResultsStore store = store(container());
        try (AzureTestCloud cloud = AzureTestCloud.start()) {
            LocalQueue queue = new LocalQueue();
            AzureRuntime runtime = AzureRuntime.builder(ArmConnection.local(cloud.cloud().endpoint()),
                            new BaselineLoader(Catalog.standard()).parse(sample("baseline.yaml")))
                    .sweepSubscriptions(List.of(AzureTestCloud.SUB)).queues(queue, queue).sweepResults(store).build();

            SweepLaunch launch = SweepLaunch.fromJson(new Sweep(runtime).run("{}", context("Sweep")));
            queue.drain(runtime, 3);
            SweepSummary summary = runtime.sweepResults().orElseThrow().summarize(launch);

            String prefix = launch.partition().prefix();
            List<String> keys = store.keys(prefix);
            assertTrue(keys.stream().anyMatch(k -> k.endsWith(".jsonl")), keys::toString);
            long lines = keys.stream().filter(k -> k.endsWith(".jsonl"))
                    .mapToLong(k -> store.get(k).orElseThrow().lines().filter(BlobResultsStoreTest::isJsonObject).count()).sum();
            assertEquals(8, lines, "one JSON line per swept target");
            assertEquals(8, summary.reported());
            assertEquals(Map.of("applied", 5L, "compliant", 1L, "deferred", 1L, "failed", 1L), summary.byStatus(), summary::toJson);
        }
    }
}
