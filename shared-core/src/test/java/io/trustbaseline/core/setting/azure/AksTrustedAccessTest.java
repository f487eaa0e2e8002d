package io.trustbaseline.core.setting.azure;

import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.port.azure.TrustedAccessBinding;
import io.trustbaseline.core.reconcile.TestContexts;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.PlanAction;
import io.trustbaseline.core.setting.Plan;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.AZURE_READY;
import static io.trustbaseline.core.fake.Fixtures.ML_SOURCE;
import static io.trustbaseline.core.fake.Fixtures.MLWORKLOAD;
import static io.trustbaseline.core.fake.Fixtures.OTHER_SUB;
import static io.trustbaseline.core.fake.Fixtures.RG;
import static io.trustbaseline.core.fake.Fixtures.readyCloud;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AksTrustedAccessTest {
    private static final String OTHER_ROLE = "Microsoft.MachineLearningServices/workspaces/inference-v1";
    /** The name trust-baseline gives the binding it creates for ML_SOURCE. */
    private static final String OURS = AksTrustedAccess.nameFor(ML_SOURCE.id());

    private final AksTrustedAccess setting = new AksTrustedAccess();
    private final FakeCloud cloud = readyCloud();

    private Plan plan(AksTrustedAccess.Item item, Action action) {
        return setting.plan(item, action, TestContexts.of(AKS, AZURE_READY, cloud.ports()));
    }

    private static AksTrustedAccess.Item item(String name, AzureResourceId source, String... roles) {
        return new AksTrustedAccess.Item(name, source.id(), List.of(roles));
    }

    @Test
    void aMissingBindingIsCreatedWithItsSourceAndRoles() {
        Plan step = plan(item("aml-central", ML_SOURCE, MLWORKLOAD), Action.ENSURE);

        assertEquals(PlanAction.CREATE, step.action());
        assertTrue(cloud.writes().isEmpty(), "planning only reads");
        step.change().apply();
        assertEquals(List.of(new TrustedAccessBinding("aml-central", ML_SOURCE.id(), List.of(MLWORKLOAD), "Succeeded")),
                cloud.bindings(AKS));
    }

    @Test
    void aLocationsRoleCatalogueIsReadOncePerProcess() {
        plan(item("aml-central", ML_SOURCE, MLWORKLOAD), Action.ENSURE);
        plan(item("aml-central", ML_SOURCE, MLWORKLOAD), Action.ENSURE);

        assertEquals(1, cloud.calls("trustedAccess.listRoles"), "TrustedAccessRoles_List of the location, once");
    }

    @Test
    void aBindingInPlaceIsANoop() {
        cloud.binding(AKS, new TrustedAccessBinding("aml-central", ML_SOURCE.id().toLowerCase(), List.of(MLWORKLOAD), "Succeeded"));

        Plan step = plan(item("aml-central", ML_SOURCE, MLWORKLOAD), Action.ENSURE);

        assertEquals(PlanAction.NOOP, step.action());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aBindingWithOtherRolesIsUpdatedUnderTheSameName() {
        cloud.offers("westeurope", new io.trustbaseline.core.port.azure.TrustedAccessRole(
                "Microsoft.MachineLearningServices/workspaces", "inference-v1"));
        cloud.binding(AKS, new TrustedAccessBinding(OURS, ML_SOURCE.id(), List.of(OTHER_ROLE), "Succeeded"));

        Plan step = plan(item(OURS, ML_SOURCE, MLWORKLOAD, OTHER_ROLE), Action.ENSURE);

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        assertEquals(1, cloud.bindings(AKS).size(), "the binding keeps its name, no second one");
        assertEquals(List.of(MLWORKLOAD, OTHER_ROLE), cloud.bindings(AKS).get(0).roles());
        assertEquals(List.of("trustedAccess.putBinding aks-prod/" + OURS), cloud.writes());
    }

    @Test
    void aNinthBindingIsBlockedWithTheLimit() {
        for (int i = 1; i <= 8; i++) {
            cloud.binding(AKS, new TrustedAccessBinding("b" + i, ML_SOURCE.id(), List.of(MLWORKLOAD), "Succeeded"));
        }

        Plan step = plan(item("aml-central", ML_SOURCE, MLWORKLOAD), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("already has 8 bindings, the most AKS allows"), step.message());
        assertTrue(step.message().contains("b1, b2"), "names the bindings: " + step.message());
        assertNull(step.change());
    }

    @Test
    void aRoleNotOfferedForTheSourceTypeIsBlockedNamingRoleAndType() {
        Plan step = plan(item("aml-central", ML_SOURCE, OTHER_ROLE), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("role " + OTHER_ROLE + " is not offered for source type "
                + "Microsoft.MachineLearningServices/workspaces"), step.message());
        assertTrue(step.message().contains("offered: " + MLWORKLOAD), step.message());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aSourceInAnotherSubscriptionIsRefusedNamingTheFieldAndRule() {
        AzureResourceId foreign = AzureResourceId.of(OTHER_SUB, RG, AzureResourceTypes.WORKSPACES, "ml-central");

        Plan step = plan(item("aml-central", foreign, MLWORKLOAD), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertTrue(step.message().contains("another subscription"), step.message());
        assertEquals("sourceResourceId", step.refusal().field());
        assertEquals("same-subscription", step.refusal().rule());
        assertTrue(cloud.writes().isEmpty());
    }

    @Test
    void aBindingThatIsUpdatingIsDeferred() {
        cloud.binding(AKS, new TrustedAccessBinding(OURS, ML_SOURCE.id(), List.of(OTHER_ROLE), "Updating"));

        Plan step = plan(item(OURS, ML_SOURCE, MLWORKLOAD), Action.ENSURE);

        assertEquals(PlanAction.DEFERRED, step.action());
        assertTrue(step.message().contains("Updating"), step.message());
    }

    @Test
    void removeDeletesTheBindingTrustBaselineCreated() {
        cloud.binding(AKS, new TrustedAccessBinding(OURS, ML_SOURCE.id(), List.of(OTHER_ROLE), "Succeeded"));

        Plan step = plan(new AksTrustedAccess.Item(OURS, ML_SOURCE.id(), List.of()), Action.REMOVE);

        assertEquals(PlanAction.REMOVE, step.action());
        step.change().apply();
        assertTrue(cloud.bindings(AKS).isEmpty());
        assertEquals(List.of("trustedAccess.deleteBinding aks-prod/" + OURS), cloud.writes());
    }

    @Test
    void theNameTrustBaselineGivesIsRecordedFromTheSourceAndFitsAks() {
        assertTrue(OURS.matches("^tb-[0-9a-f]{16}$"), OURS);
        assertEquals(OURS, AksTrustedAccess.nameFor(ML_SOURCE.id().toUpperCase(java.util.Locale.ROOT)),
                "ARM ids compare without case");
        AzureResourceId another = AzureResourceId.of(ML_SOURCE.subscriptionId(), RG, AzureResourceTypes.WORKSPACES, "ml-other");
        assertTrue(!OURS.equals(AksTrustedAccess.nameFor(another.id())), "another source, another name");
        assertTrue(item(OURS, ML_SOURCE, MLWORKLOAD).namedAfterSource());
        assertTrue(!item("tb-" + "0".repeat(16), ML_SOURCE, MLWORKLOAD).namedAfterSource(), "a look-alike is not");
    }

    @Test
    void aBindingTrustBaselineDidNotCreateIsNotChangedByAnItemThatOnlyNamesIt() {
        cloud.binding(AKS, new TrustedAccessBinding("aml-central", ML_SOURCE.id(), List.of(OTHER_ROLE), "Succeeded"));

        Plan step = plan(item("aml-central", ML_SOURCE, MLWORKLOAD), Action.ENSURE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertEquals("name", step.refusal().field());
        assertEquals("ownership", step.refusal().rule());
        assertTrue(step.message().contains("adopt: true"), step.message());
        assertNull(step.change());
    }

    @Test
    void aBindingTrustBaselineDidNotCreateIsLeftAloneWhenItAlreadyHoldsWhatTheItemAsks() {
        cloud.binding(AKS, new TrustedAccessBinding("aml-central", ML_SOURCE.id(), List.of(MLWORKLOAD), "Succeeded"));

        assertEquals(PlanAction.NOOP, plan(item("aml-central", ML_SOURCE, MLWORKLOAD), Action.ENSURE).action());
    }

    @Test
    void anAdoptingItemTakesOverABindingTrustBaselineDidNotCreate() {
        cloud.binding(AKS, new TrustedAccessBinding("aml-central", ML_SOURCE.id(), List.of(OTHER_ROLE), "Succeeded"));

        Plan step = plan(new AksTrustedAccess.Item("aml-central", ML_SOURCE.id(), List.of(MLWORKLOAD), true),
                Action.ENSURE);

        assertEquals(PlanAction.UPDATE, step.action());
        step.change().apply();
        assertEquals(List.of(MLWORKLOAD), cloud.bindings(AKS).get(0).roles());
        assertEquals(List.of("trustedAccess.putBinding aks-prod/aml-central"), cloud.writes());
    }

    @Test
    void aHandMadeTbBindingIsNotRemoved() {
        cloud.binding(AKS, new TrustedAccessBinding("tb-foo", ML_SOURCE.id(), List.of(MLWORKLOAD), "Succeeded"));

        Plan step = plan(new AksTrustedAccess.Item("tb-foo", ML_SOURCE.id(), List.of()), Action.REMOVE);

        assertEquals(PlanAction.BLOCKED, step.action());
        assertEquals("ownership", step.refusal().rule());
        assertTrue(cloud.writes().isEmpty());
        assertEquals(1, cloud.bindings(AKS).size());
    }

    @Test
    void removingAnAbsentBindingIsANoop() {
        Plan step = plan(new AksTrustedAccess.Item("aml-central", null, List.of()), Action.REMOVE);

        assertEquals(PlanAction.NOOP, step.action());
        assertTrue(cloud.writes().isEmpty());
    }
}
