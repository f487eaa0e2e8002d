package io.trustbaseline.core.report;

import io.trustbaseline.core.request.Trigger;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Combining reports rolls the status up from the targets, whatever the parts' own roll-ups were. */
class ReportCombineTest {
    private static Report of(Status... targetStatuses) {
        List<TargetReport> targets = java.util.Arrays.stream(targetStatuses)
                .map(s -> new TargetReport("t-" + s.id(), s, null, List.of(), null)).toList();
        return new Report("r", Trigger.SWEEP, false, Status.rollUp(List.of(targetStatuses)), null, targets, List.of(),
                Calls.NONE, 0);
    }

    @Test
    void aCombinedPartDoesNotHideItsAppliedTargetBehindItsDeferredOne() {
        Report swept = of(Status.DEFERRED, Status.APPLIED);
        Report unlisted = of(Status.FAILED);

        assertEquals(Status.PARTIAL, Report.combine("r", Trigger.SWEEP, false, List.of(swept, unlisted), 0).status());
    }

    @Test
    void aPartWithoutTargetsCountsWithItsOwnStatus() {
        Report rejected = Report.rejected("r", Trigger.SWEEP, false, null, List.of(), 0);

        assertEquals(Status.PARTIAL, Report.combine("r", Trigger.SWEEP, false, List.of(of(Status.APPLIED), rejected), 0).status());
        assertEquals(Status.COMPLIANT, Report.combine("r", Trigger.SWEEP, false, List.of(), 0).status());
    }
}
