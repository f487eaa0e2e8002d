package io.trustbaseline.azure.arm;

import io.trustbaseline.azure.AzureTestCloud;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.azure.RoleAssignment;
import io.trustbaseline.core.port.azure.StorageNetworkAcls;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.localcloud.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import java.util.List;

import static io.trustbaseline.azure.AzureTestCloud.ACR;
import static io.trustbaseline.azure.AzureTestCloud.AKS;
import static io.trustbaseline.azure.AzureTestCloud.STORAGE;
import static io.trustbaseline.azure.AzureTestCloud.WORKSPACE_PRINCIPAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the real SDK throws for each ARM failure, as the adapters translate it. */
class ArmErrorsTest {
    private static final Retrier NO_RETRY = new Retrier(RetryPolicy.none());
    private final AzureTestCloud cloud = AzureTestCloud.start();
    private final ArmConnection arm = ArmConnection.local(cloud.cloud().endpoint());

    @AfterEach
    void stop() {
        cloud.close();
    }

    private CloudException registryGetFailingWith(String error, Integer status, Integer retryAfter) {
        cloud.cloud().world().addFault(new Fault("arm:Registries_Get", error, status, retryAfter, 1));
        return assertThrows(CloudException.class, () -> new ArmRegistries(arm, NO_RETRY).get(AzureResourceId.parse(ACR)));
    }

    @Test
    void aTokenInArmsErrorMessageIsRedactedWhateverTheStatus() {
        String sig = "Zm9vYmFyc2VjcmV0c2lnbmF0dXJl";
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        for (int status : new int[] {400, 403, 404, 409, 500}) {
            CloudException e = ArmErrors.fromResponse(status, "SomeError", "the SAS https://st.blob.core.windows.net/c"
                    + "?sv=2024-01-01&sig=" + sig + " and the token Bearer " + jwt + " were refused",
                    new com.azure.core.http.HttpHeaders());

            assertFalse(e.getMessage().contains(sig), e.getMessage());
            assertFalse(e.getMessage().contains(jwt), e.getMessage());
            assertTrue(e.getMessage().contains("[REDACTED]"), e.getMessage());
        }
    }

    @Test
    void throttlingIsTransientWithTheRetryAfterArmSent() {
        CloudException e = registryGetFailingWith("TooManyRequests", null, 7);

        assertEquals(CloudException.Kind.TRANSIENT, e.kind());
        assertEquals("TooManyRequests", e.code());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    }

    @Test
    void serverErrorsAreTransient() {
        assertEquals(CloudException.Kind.TRANSIENT, registryGetFailingWith("InternalServerError", null, null).kind());
        assertEquals(CloudException.Kind.TRANSIENT, registryGetFailingWith("ServiceUnavailable", null, null).kind());
    }

    @Test
    void aTimeoutIsTransient() {
        ArmConnection impatient = ArmConnection.local(cloud.cloud().endpoint(), Duration.ofMillis(300));
        cloud.cloud().world().addFault(new Fault("arm:Registries_Get", "Timeout", null, null, 1));

        CloudException e = assertThrows(CloudException.class, () -> new ArmRegistries(impatient, NO_RETRY).get(AzureResourceId.parse(ACR)));

        assertEquals(CloudException.Kind.TRANSIENT, e.kind(), e::toString);
    }

    @Test
    void authorizationFailedNamesTheActionArmSaysIsMissing() {
        CloudException e = registryGetFailingWith("AuthorizationFailed", null, null);

        assertEquals(CloudException.Kind.ACCESS_DENIED, e.kind());
        assertEquals("Microsoft.ContainerRegistry/registries/read", e.permission());
    }

    @Test
    void aMissingResourceIsNotFoundAndAMissingTargetDescribesAsEmpty() {
        String gone = ACR.replace("acrplatformweu", "acrgoneweu01");
        CloudException e = assertThrows(CloudException.class, () -> new ArmRegistries(arm, NO_RETRY).get(AzureResourceId.parse(gone)));

        assertEquals(CloudException.Kind.NOT_FOUND, e.kind());
        assertTrue(new ArmTargets(arm, List.of()).describe(AzureResourceId.parse(gone)).isEmpty());
    }

    @Test
    void aWriteRefusedByTheProvisioningStateIsNotReady() {
        cloud.resource("rg-ml", "storageAccounts", "stmlweu001").put("provisioningState", "ResolvingDNS");

        CloudException e = assertThrows(CloudException.class, () -> new ArmStorage(arm).updateNetworkAcls(
                AzureResourceId.parse(STORAGE), new StorageNetworkAcls("Deny", "AzureServices", null, null, null)));

        assertEquals(CloudException.Kind.NOT_READY, e.kind(), e::getMessage);
    }

    @Test
    void anAssignmentSomeoneElseMadeFirstIsAConflict() {
        String role = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
        ArmRoleAssignments assignments = new ArmRoleAssignments(arm);
        assignments.create(new RoleAssignment("6f1d9c1e-3f0a-4a51-9d27-5a0c7a9e0001", STORAGE, role, WORKSPACE_PRINCIPAL));

        CloudException e = assertThrows(CloudException.class, () -> assignments.create(
                new RoleAssignment("6f1d9c1e-3f0a-4a51-9d27-5a0c7a9e0002", STORAGE, role, WORKSPACE_PRINCIPAL)));

        assertEquals(CloudException.Kind.CONFLICT, e.kind());
        assertEquals("RoleAssignmentExists", e.code());
    }

    @Test
    void anInvalidRequestIsRejectedWithArmsCode() {
        CloudException e = assertThrows(CloudException.class, () -> new ArmTrustedAccess(arm, NO_RETRY).putBinding(
                AzureResourceId.parse(AKS), io.trustbaseline.core.port.azure.TrustedAccessBinding.desired(
                        "name_with_underscores", AzureTestCloud.WORKSPACE, java.util.List.of(AzureTestCloud.MLWORKLOAD))));

        assertEquals(CloudException.Kind.REJECTED, e.kind());
        assertEquals("InvalidParameter", e.code());
    }

    @Test
    void theTargetsAdapterServesAzureOnlyAndRefusesAnEksClusterWithoutACall() {
        // The reconciler rejects another cloud's target (target, cloud) from clouds(); describe never sees one.
        assertEquals(java.util.Set.of(io.trustbaseline.core.target.Cloud.AZURE), new ArmTargets(arm, List.of()).clouds());
        assertThrows(IllegalArgumentException.class, () -> new ArmTargets(arm, List.of()).describe(
                io.trustbaseline.core.target.EksClusterArn.parse("arn:aws:eks:eu-west-1:111122223333:cluster/eks-prod")));

        assertTrue(cloud.calls().calls().isEmpty());
    }
}
