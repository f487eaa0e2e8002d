package io.trustbaseline.localcloud;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A world of the wrong shape is refused at load, naming each place; the published world loads. */
class WorldShapeTest {

    @Test
    void thePublishedDemoWorldLoads() {
        Path world = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(world.resolve("events-samples"))) {
            world = world.getParent();
        }
        World loaded = World.load(world.resolve("events-samples/world.json"));
        assertTrue(loaded.dump().contains("aks-prod-weu"));
    }

    @Test
    void everyMisshapenPlaceIsNamedByItsPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> World.parse("""
                {"azure": {"subscriptions": {"s1": {"resourceGroups": 5, "roleAssignments": {}}}},
                 "aws": {"accounts": {"111122223333": {"regions": {"eu-west-1": {"clusters": {"c1": {
                     "podIdentityAssociations": ["x"]}}}}}}},
                 "faults": {}, "latencyMs": "soon"}"""));

        assertEquals("world: azure.subscriptions.s1.resourceGroups must be an object; "
                + "azure.subscriptions.s1.roleAssignments must be a list; "
                + "aws.accounts.111122223333.regions.eu-west-1.clusters.c1.podIdentityAssociations[0] must be an object; "
                + "faults must be a list; latencyMs must be a whole number of milliseconds", e.getMessage());
    }

    @Test
    void theStrictnessSettingsAreCheckedAtLoadAndKeptInTheDump() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> World.parse("""
                {"rateLimits": {"ec2": 5, "iam": 0}, "longRunningOperations": {"end": "Done"}, "permissions": "none"}"""));
        assertEquals("world: rateLimits.ec2 is not an API family: use eks, iam, sts, arm-read or arm-write; "
                + "rateLimits.iam must be a positive number of requests per second; "
                + "longRunningOperations.end must be Succeeded, Failed or Canceled; "
                + "permissions must be \"deployment\" or \"unrestricted\"", e.getMessage());

        String dumped = World.parse("{\"rateLimits\": {\"eks\": 10}, \"permissions\": \"unrestricted\"}").dump();
        World again = World.parse(dumped);
        assertTrue(!again.enforcesPermissions() && dumped.contains("\"eks\" : 10.0"), dumped);
    }

    @Test
    void anEmptyWorldIsAWorld() {
        assertTrue(World.parse("{}").dump().contains("\"azure\""));
    }
}
