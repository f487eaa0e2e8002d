package io.trustbaseline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.World;

import java.util.ArrayList;
import java.util.List;

/** What a local world holds, so that local sweeps cover it: its subscriptions, its AWS account and regions. */
public record WorldScope(List<String> subscriptions, String awsAccount, List<String> awsRegions) {
    private static final String NO_ACCOUNT = "000000000000";
    private static final String DEFAULT_REGION = "eu-west-1";

    public static WorldScope of(World world) {
        return world.locked(root -> {
            List<String> subscriptions = names(root.path("azure").path("subscriptions"));
            List<String> accounts = names(root.path("aws").path("accounts"));
            String account = accounts.isEmpty() ? NO_ACCOUNT : accounts.get(0);
            List<String> regions = names(root.path("aws").path("accounts").path(account).path("regions"));
            return new WorldScope(subscriptions, account, regions.isEmpty() ? List.of(DEFAULT_REGION) : regions);
        });
    }

    public String awsHomeRegion() { return awsRegions.get(0); }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
