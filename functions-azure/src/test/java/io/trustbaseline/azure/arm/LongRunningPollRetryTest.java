package io.trustbaseline.azure.arm;

import io.trustbaseline.azure.AzureTestCloud;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.azure.TrustedAccessBinding;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.localcloud.CallLog;
import io.trustbaseline.localcloud.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.trustbaseline.azure.AzureTestCloud.ACR;
import static io.trustbaseline.azure.AzureTestCloud.AKS;
import static io.trustbaseline.azure.AzureTestCloud.MLWORKLOAD;
import static io.trustbaseline.azure.AzureTestCloud.WORKSPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long-running write's polls fail and are retried alone, over real HTTP with the real SDK: once ARM accepted the
 * PATCH or PUT, it is never sent again for a failed poll.
 */
class LongRunningPollRetryTest {
    private final AzureTestCloud cloud = AzureTestCloud.start();
    private final List<Duration> waits = new ArrayList<>();
    private final Retrier polls = new Retrier(RetryPolicy.standard(), waits::add, new SplittableRandom(7));

    @AfterEach
    void stop() {
        cloud.close();
    }

    private List<Integer> statuses(String api) {
        return cloud.calls().calls().stream().filter(c -> c.api().equals(api)).map(CallLog.Call::status).toList();
    }

    @Test
    void aRegistryPollThrottledTwiceIsRetriedAloneAfterItsRetryAfterAndThePatchIsSentOnce() {
        cloud.cloud().world().addFault(new Fault("arm:RegistryOperationStatus_Get", "TooManyRequests", null, 3, 2));
        ArmConnection arm = ArmConnection.local(cloud.cloud().endpoint());

        new ArmRegistries(arm, polls).setNetworkRuleBypass(AzureResourceId.parse(ACR), "AzureServices");

        assertEquals(1, statuses("arm:Registries_Update").size(), "one PATCH");
        assertEquals(List.of(429, 429, 200), statuses("arm:RegistryOperationStatus_Get"));
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), waits, "each retry waited ARM's Retry-After");
        assertEquals("AzureServices", new ArmRegistries(arm, polls).get(AzureResourceId.parse(ACR)).networkRuleBypassOptions());
    }

    @Test
    void aBindingPollThatTimesOutIsRetriedAloneAndThePutIsSentOnce() {
        cloud.cloud().world().addFault(new Fault("arm:ContainerServiceOperationStatus_Get", "Timeout", null, null, 1));
        ArmConnection impatient = ArmConnection.local(cloud.cloud().endpoint(), Duration.ofMillis(500));

        TrustedAccessBinding written = new ArmTrustedAccess(impatient, polls).putBinding(AzureResourceId.parse(AKS),
                TrustedAccessBinding.desired("aml-central", WORKSPACE, List.of(MLWORKLOAD)));

        assertEquals(List.of(MLWORKLOAD), written.roles());
        assertEquals(1, statuses("arm:TrustedAccessRoleBindings_CreateOrUpdate").size(), "one PUT");
        assertEquals(2, statuses("arm:ContainerServiceOperationStatus_Get").size(), "the timed-out poll, then its retry");
    }

    @Test
    void whenThePollsRetriesAreSpentTheFailureIsTransientButNoCallerRetriesTheWrite() {
        cloud.cloud().world().addFault(new Fault("arm:RegistryOperationStatus_Get", "InternalServerError", null, null, 99));
        Retrier twice = new Retrier(new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ZERO), waits::add,
                new SplittableRandom(7));
        ArmConnection arm = ArmConnection.local(cloud.cloud().endpoint());

        CloudException e = assertThrows(CloudException.class, () ->
                new ArmRegistries(arm, twice).setNetworkRuleBypass(AzureResourceId.parse(ACR), "AzureServices"));

        assertTrue(e.isTransient(), e::toString);
        assertFalse(e.retriable(), "a retry of the whole call would send the accepted PATCH again");
        assertEquals(1, statuses("arm:Registries_Update").size());
        assertEquals(List.of(500, 500), statuses("arm:RegistryOperationStatus_Get"));
    }

    @Test
    void aPollArmRefusesIsNotRetriedAndKeepsItsMeaning() {
        cloud.cloud().world().addFault(new Fault("arm:RegistryOperationStatus_Get", "AuthorizationFailed", null, null, 1));
        ArmConnection arm = ArmConnection.local(cloud.cloud().endpoint());

        CloudException e = assertThrows(CloudException.class, () ->
                new ArmRegistries(arm, polls).setNetworkRuleBypass(AzureResourceId.parse(ACR), "AzureServices"));

        assertEquals(CloudException.Kind.ACCESS_DENIED, e.kind(), e::toString);
        assertEquals(List.of(403), statuses("arm:RegistryOperationStatus_Get"));
        assertTrue(waits.isEmpty());
    }
}
