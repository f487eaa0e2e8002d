package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.port.azure.RegistryNetwork;
import io.trustbaseline.core.report.Calls;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.target.TargetState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.trustbaseline.core.fake.Fixtures.ACR;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A sweep's work planned from the state its listing returned: no read when compliant, a fresh read before any write. */
class ListedStateReconcileTest {
    private static final RegistryNetwork COMPLIANT = new RegistryNetwork("Premium", "Enabled", "AzureServices");
    private static final RegistryNetwork OPEN = new RegistryNetwork("Premium", "Enabled", "None");
    private final FakeCloud cloud = Fixtures.readyCloud();
    private final TrustBaseline trust = Fixtures.trustBaseline(cloud);

    private Report sweepWork(String state, RegistryNetwork listed) {
        TargetState listing = new TargetState(state, "Succeeded".equals(state), "westeurope", Map.of(), List.of(listed));
        WorkMessage work = WorkMessage.forTarget(Trigger.SWEEP, "sweep-1:1", "sweep", ACR, false,
                Instant.parse("2026-12-01T04:00:00Z"), Optional.of("sweep-1"), Optional.of(listing));
        return trust.handle(work, false);
    }

    @Test
    void aTargetTheListingShowsCompliantIsReportedCompliantWithNoCallOfItsOwn() {
        cloud.registry(ACR, COMPLIANT);

        Report report = sweepWork("Succeeded", COMPLIANT);

        assertEquals(Status.COMPLIANT, report.status(), report::toJson);
        assertEquals(Calls.NONE, report.calls());
        assertEquals(0, cloud.totalCalls());
    }

    @Test
    void aChangeTheListingCallsForIsNotWrittenWhenTheTargetReadAfreshNoLongerNeedsIt() {
        cloud.registry(ACR, COMPLIANT); // changed since the listing

        Report report = sweepWork("Succeeded", OPEN);

        assertEquals(Status.COMPLIANT, report.status(), report::toJson);
        assertEquals(List.of(), cloud.writes());
        assertEquals(new Calls(2, 0), report.calls(), "the target read afresh, then its registry");
    }

    @Test
    void aChangeTheListingCallsForIsWrittenAfterAFreshReadAndVerifiedFromTheWritesAnswer() {
        cloud.registry(ACR, OPEN);

        Report report = sweepWork("Succeeded", OPEN);

        assertEquals(Status.APPLIED, report.status(), report::toJson);
        assertEquals(1, cloud.calls("registry.setNetworkRuleBypass"));
        assertEquals(new Calls(2, 1), report.calls(), "the target and its registry read afresh, one PATCH");
        assertEquals("AzureServices", cloud.registry(ACR).networkRuleBypassOptions());
    }

    @Test
    void aTargetTheListingShowsNotReadyIsReadAfreshRatherThanDeferredOnTheListingsWord() {
        cloud.registry(ACR, COMPLIANT);

        Report report = sweepWork("Updating", COMPLIANT);

        assertEquals(Status.COMPLIANT, report.status(), "the target is ready now: " + report.toJson());
    }
}
