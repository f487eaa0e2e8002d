package io.trustbaseline.aws;

import io.trustbaseline.core.port.CloudException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Clients are built once per credentials and region, so the ones primed at init serve the first event. */
class AwsClientsTest {
    private static final String OWN = "111122223333";
    private static final String SPOKE = "444455556666";

    private final AwsClients clients = new AwsClients(AwsConfig.local(URI.create("http://127.0.0.1:9"), OWN, "eu-west-1")
            .withSweep(List.of(), List.of(SPOKE), "trust-baseline-sweep"));

    @Test
    void theOwnAccountUsesThePrimedClientsSoTheyServeTheFirstEvent() {
        clients.prime();
        var primedEks = clients.eks(OWN, "eu-west-1");
        var primedIam = clients.iam(OWN);

        assertSame(primedEks, clients.eks(OWN, "eu-west-1"));
        assertSame(primedIam, clients.iam(OWN));
    }

    /** The function's own credentials must never write to its own account for a target in another one. */
    @Test
    void anAccountTheDeploymentDoesNotServeHasNoClient() {
        CloudException e = assertThrows(CloudException.class, () -> clients.eks("999988887777", "eu-west-1"));

        assertEquals("AccountNotServed", e.code());
        assertTrue(e.getMessage().contains("999988887777"), e.getMessage());
        assertThrows(CloudException.class, () -> clients.iam("999988887777"));
        assertTrue(clients.serves(OWN) && clients.serves(SPOKE) && !clients.serves("999988887777"));
    }

    @Test
    void anAccountReachedByAssumingARoleGetsClientsOfItsOwn() {
        assertNotSame(clients.eks(OWN, "eu-west-1"), clients.eks(SPOKE, "eu-west-1"));
        assertNotSame(clients.iam(OWN), clients.iam(SPOKE));
        assertNotSame(clients.eks(OWN, "eu-west-1"), clients.eks(OWN, "us-east-1"));
    }
}
