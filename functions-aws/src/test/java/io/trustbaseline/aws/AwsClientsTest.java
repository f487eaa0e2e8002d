package io.trustbaseline.aws;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Clients are built once per credentials and region, so the ones primed at init serve the first event. */
class AwsClientsTest {
    private static final String OWN = "111122223333";
    private static final String SPOKE = "444455556666";

    private final AwsClients clients = new AwsClients(AwsConfig.local(URI.create("http://127.0.0.1:9"), OWN, "eu-west-1")
            .withSweep(List.of(), List.of(SPOKE), "trust-baseline-sweep"));

    @Test
    void accountsNotAssumedIntoShareOneClientPerRegionSoThePrimedOnesServeTheFirstEvent() {
        clients.prime();
        var primedEks = clients.eks("999988887777", "eu-west-1");
        var primedIam = clients.iam("999988887777");

        assertSame(primedEks, clients.eks(OWN, "eu-west-1"));
        assertSame(primedIam, clients.iam(OWN));
    }

    @Test
    void anAccountReachedByAssumingARoleGetsClientsOfItsOwn() {
        assertNotSame(clients.eks(OWN, "eu-west-1"), clients.eks(SPOKE, "eu-west-1"));
        assertNotSame(clients.iam(OWN), clients.iam(SPOKE));
        assertNotSame(clients.eks(OWN, "eu-west-1"), clients.eks(OWN, "us-east-1"));
    }
}
