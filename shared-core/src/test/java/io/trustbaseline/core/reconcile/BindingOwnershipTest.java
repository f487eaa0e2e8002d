package io.trustbaseline.core.reconcile;

import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.fake.FakeCloud;
import io.trustbaseline.core.fake.Fixtures;
import io.trustbaseline.core.port.azure.TrustedAccessBinding;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.Status;
import io.trustbaseline.core.request.Request;
import io.trustbaseline.core.request.Trigger;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.setting.azure.AksTrustedAccess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.trustbaseline.core.fake.Fixtures.AKS;
import static io.trustbaseline.core.fake.Fixtures.ML_SOURCE;
import static io.trustbaseline.core.fake.Fixtures.MLWORKLOAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trust Access bindings trust-baseline owns: the ones it created, recorded by the name it gives them (named after
 * their source), which tickets create, repair and remove; and the ones the baseline adopts ({@code adopt: true}),
 * which only the baseline changes.
 */
class BindingOwnershipTest {
    private static final String OURS = AksTrustedAccess.nameFor(ML_SOURCE.id());
    private static final String OTHER_ROLE = "x/y/z";

    private final FakeCloud cloud = Fixtures.readyCloud();

    private static String ticket(String action, String item) {
        return """
                {"schemaVersion": 1, "requestId": "CHG-OWN", "requestedBy": "alice@example.com", "action": "%s",
                 "target": {"azureResourceId": "%s"}, "settings": [%s]}""".formatted(action, AKS.id(), item);
    }

    private static final String BINDING = "{\"type\": \"aks-trusted-access\", \"sourceResourceId\": \"" + ML_SOURCE.id()
            + "\", \"roles\": [\"" + MLWORKLOAD + "\"]}";

    private Report handle(String ticket) {
        return Fixtures.trustBaseline(cloud).handle(ticket, Trigger.TICKET);
    }

    @Test
    void aTicketsBindingIsNamedAfterItsSourceThenRepairedAndRemovedByTickets() {
        assertEquals(Status.APPLIED, handle(ticket("ensure", BINDING)).status());
        assertEquals(List.of(OURS), cloud.bindings(AKS).stream().map(TrustedAccessBinding::name).toList());

        cloud.binding(AKS, new TrustedAccessBinding(OURS, ML_SOURCE.id(), List.of(OTHER_ROLE), "Succeeded"));
        Report repaired = handle(ticket("ensure", BINDING));
        assertEquals(Status.APPLIED, repaired.status(), repaired::toJson);
        assertEquals(List.of(MLWORKLOAD), cloud.bindings(AKS).get(0).roles());

        Report removed = handle(ticket("remove", BINDING.replace("}", ", \"confirm\": \"" + OURS + "\"}")));
        assertEquals(Status.APPLIED, removed.status(), removed::toJson);
        assertTrue(cloud.bindings(AKS).isEmpty());
    }

    @Test
    void theBaselineTakesOverABindingItDidNotCreateOnlyWhenItAdoptsIt() {
        cloud.binding(AKS, new TrustedAccessBinding("aml-central", ML_SOURCE.id(), List.of(OTHER_ROLE), "Succeeded"));

        Report named = sweep(Fixtures.BASELINE_YAML.replace("name: aml-central, adopt: true,", "name: aml-central,"));
        assertEquals(ItemStatus.BLOCKED, named.targets().get(0).items().get(0).status(), named::toJson);
        assertEquals("ownership", named.targets().get(0).items().get(0).error().code(), named::toJson);
        assertTrue(cloud.writes().isEmpty(), () -> "wrote " + cloud.writes());

        Report adopted = sweep(Fixtures.BASELINE_YAML);
        assertEquals(ItemStatus.APPLIED, adopted.targets().get(0).items().get(0).status(), adopted::toJson);
        assertEquals(List.of(MLWORKLOAD), cloud.bindings(AKS).get(0).roles());
        assertEquals(List.of("trustedAccess.putBinding aks-prod/aml-central"), cloud.writes());
    }

    private Report sweep(String baselineYaml) {
        Catalog catalog = Catalog.standard();
        TrustBaseline trust = new TrustBaseline(catalog, new BaselineLoader(catalog).parse(baselineYaml), cloud.ports(),
                new Retrier(RetryPolicy.standard(), new Fixtures.RecordingSleeper(), new SplittableRandom(1)));
        return trust.handle(Request.baseline("sweep-1", "sweep", Trigger.SWEEP, AKS, false));
    }
}
