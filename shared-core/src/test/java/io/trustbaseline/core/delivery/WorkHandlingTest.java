package io.trustbaseline.core.delivery;

import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A work message reaches the reconciler with the trigger its envelope names, whatever queue it came in on. */
class WorkHandlingTest {
    private final FakeCloud cloud = Fixtures.readyCloud();
    private final TrustBaseline trust = Fixtures.trustBaseline(cloud);

    @Test
    void aSweepsWorkIsReconciledAsASweepAgainstTheBaseline() {
        WorkMessage work = WorkMessage.forTarget(Trigger.SWEEP, "sweep-7:12", "sweep", Fixtures.AKS, false,
                Instant.parse("2026-12-01T04:00:00Z"), Optional.of("sweep-7"));

        Report report = trust.handle(work.toJson(), Trigger.TICKET, false);

        assertEquals(Trigger.SWEEP, report.trigger());
        assertEquals("sweep-7:12", report.requestId());
        assertEquals(Status.APPLIED, report.status(), report.toJson());
    }

    @Test
    void aBrokenEnvelopeIsRejectedNamingTheFieldAndTheInnerRequestId() {
        String bad = "{\"trustBaselineWork\":1,\"trigger\":\"event\",\"firstSeenAt\":\"soon\","
                + "\"request\":{\"requestId\":\"evt-9\"}}";

        Report report = trust.handle(bad, Trigger.TICKET, false);

        assertEquals(Status.REJECTED, report.status());
        assertEquals("evt-9", report.requestId());
        assertEquals("firstSeenAt", report.errors().get(0).field());
        assertEquals(java.util.List.of(), cloud.writes(), "a refused message changes nothing");
    }
}
