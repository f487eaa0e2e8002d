package io.trustbaseline.cli;

import io.trustbaseline.core.baseline.ExemptionWarnings;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.Rule;
import io.trustbaseline.core.setting.SettingItem;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.Cloud;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.Target;
import io.trustbaseline.core.target.TargetType;
import io.trustbaseline.localcloud.World;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code trust-baseline validate BASELINE [--world FILE]}: the baseline loaded as the functions load it, then, for each
 * target of a world, the rules that match it and the settings it gets; warnings about exemptions that lapse within
 * two weeks, have lapsed, or exempt nothing.
 */
final class ValidateCommand {
    /** The world file's key for each Azure resource type trust-baseline manages. */
    private static final Map<String, String> AZURE_WORLD_KEYS = TargetType.of(Cloud.AZURE).stream()
            .collect(Collectors.toMap(TargetType::worldKey, TargetType::resourceType));

    /** A target of the world with its tags. */
    private record WorldTarget(Target target, Map<String, String> tags) { }

    private final PrintStream out;
    private final Path samples;

    ValidateCommand(PrintStream out, Path samples) {
        this.out = out;
        this.samples = samples;
    }

    int run(Options options) {
        Path baselineFile = Options.checkedFile("BASELINE", Path.of(options.arguments().get(0)));
        Baseline baseline = RunCommand.loadBaseline(baselineFile);
        Path worldFile = options.existingFile("--world", samples.resolve("world.json").toString());
        List<WorldTarget> targets = targets(worldFile);
        out.println(baselineFile + ": a valid baseline (version " + baseline.version() + ", " + baseline.rules().size()
                + " rules: " + baseline.rules().stream().map(Rule::name).collect(Collectors.joining(", ")) + ")");
        // Exemptions lapse by date: say which lapse soon or have lapsed, and which exempt nothing a rule gives.
        ExemptionWarnings.of(baseline, LocalDate.now(ZoneOffset.UTC)).forEach(w -> out.println("warning: " + w));
        out.println("the rules matching each target of " + worldFile + " (a target gets the first rule's item of a"
                + " type and name):");
        int width = targets.stream().mapToInt(t -> Summary.shortName(t.target().id()).length()).max().orElse(0) + 2;
        for (WorldTarget t : targets) {
            List<String> rules = baseline.rules().stream().filter(r -> r.match().matches(t.target(), t.tags()))
                    .map(Rule::name).toList();
            out.println("  " + Summary.pad(Summary.shortName(t.target().id()), width) + (rules.isEmpty() ? "no rule matches"
                    : String.join(", ", rules) + ": " + baseline.settingsFor(t.target(), t.tags()).stream()
                            .map(ValidateCommand::item).collect(Collectors.joining(", "))));
        }
        return 0;
    }

    private static String item(SettingItem item) {
        return item.name().equals(item.type()) ? item.type() : item.type() + " " + item.name();
    }

    /** Every Azure resource and EKS cluster of the world, in the file's order. */
    private static List<WorldTarget> targets(Path worldFile) {
        World world;
        try {
            world = World.load(worldFile);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException(worldFile + ": " + e.getMessage(), e);
        }
        return world.locked(root -> {
            List<WorldTarget> targets = new ArrayList<>();
            root.path("azure").path("subscriptions").fields().forEachRemaining(subscription ->
                    subscription.getValue().path("resourceGroups").fields().forEachRemaining(group ->
                            group.getValue().fields().forEachRemaining(kind -> {
                                String type = AZURE_WORLD_KEYS.get(kind.getKey());
                                if (type != null) {
                                    kind.getValue().fields().forEachRemaining(resource -> targets.add(new WorldTarget(
                                            AzureResourceId.of(subscription.getKey(), group.getKey(), type, resource.getKey()),
                                            tags(resource.getValue()))));
                                }
                            })));
            root.path("aws").path("accounts").fields().forEachRemaining(account ->
                    account.getValue().path("regions").fields().forEachRemaining(region ->
                            region.getValue().path(TargetType.EKS_CLUSTER.worldKey()).fields().forEachRemaining(cluster -> targets.add(new WorldTarget(
                                    EksClusterArn.of(region.getKey(), account.getKey(), cluster.getKey()),
                                    tags(cluster.getValue()))))));
            return targets;
        });
    }

    private static Map<String, String> tags(JsonNode resource) {
        Map<String, String> tags = new LinkedHashMap<>();
        resource.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        return tags;
    }
}
