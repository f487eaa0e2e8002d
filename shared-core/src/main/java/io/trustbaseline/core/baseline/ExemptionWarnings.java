package io.trustbaseline.core.baseline;

import io.trustbaseline.core.setting.SettingItem;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a baseline check ({@code trust-baseline validate}) should warn about in the exemptions: one that lapses within
 * {@value #SOON_DAYS} days or has lapsed, and one that exempts something no rule gives the targets it matches (it
 * matches nothing the baseline enforces).
 */
public final class ExemptionWarnings {
    public static final int SOON_DAYS = 14;

    private ExemptionWarnings() { }

    public static List<String> of(Baseline baseline, LocalDate today) {
        List<String> out = new ArrayList<>();
        for (Exemption e : baseline.exemptions()) {
            long days = ChronoUnit.DAYS.between(today, e.expires());
            if (days < 0) {
                out.add("exemptions " + e.name() + ": lapsed after " + e.expires() + ", its items are enforced again;"
                        + " remove it or renew it with a new ticket");
            } else if (days < SOON_DAYS) {
                out.add("exemptions " + e.name() + ": lapses after " + e.expires() + " (" + days + " days left); "
                        + e.ticket() + " should be renewed or the items made compliant");
            }
            e.settings().stream().filter(type -> !enforced(baseline, e, item -> item.type().equals(type)))
                    .forEach(type -> out.add("exemptions " + e.name() + ": no rule gives " + type
                            + " to the targets it matches, so it exempts nothing"));
            e.items().stream().filter(ref -> !enforced(baseline, e,
                            item -> item.type().equals(ref.type()) && item.name().equals(ref.name())))
                    .forEach(ref -> out.add("exemptions " + e.name() + ": no rule gives " + ref.type() + " "
                            + ref.name() + " to the targets it matches, so it exempts nothing"));
        }
        return out;
    }

    /** Whether a rule that can match some of the exemption's targets gives an item {@code wanted} selects. */
    private static boolean enforced(Baseline baseline, Exemption exemption, Predicate<SettingItem> wanted) {
        return baseline.rules().stream()
                .filter(rule -> mayOverlap(rule.match(), exemption.match()))
                .anyMatch(rule -> rule.settings().stream().anyMatch(wanted));
    }

    /** Only the cloud and the resource type are compared: names, groups and tags are globs over an open estate. */
    private static boolean mayOverlap(Match a, Match b) {
        boolean cloud = a.cloud() == null || b.cloud() == null || a.cloud() == b.cloud();
        boolean type = a.resourceType() == null || b.resourceType() == null
                || Glob.matches(a.resourceType(), b.resourceType(), true)
                || Glob.matches(b.resourceType(), a.resourceType(), true);
        return cloud && type;
    }
}
