package io.trustbaseline.core.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.setting.Catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the baseline's {@code exemptions}: each names what it exempts (setting types, or single items), why, the
 * ticket that accepted it, and an expiry date no later than the policy allows.
 */
final class ExemptionReader {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    private static final Pattern TICKET = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,63}$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    private final Catalog catalog;
    private final ExemptionPolicy policy;

    ExemptionReader(Catalog catalog, ExemptionPolicy policy) {
        this.catalog = catalog;
        this.policy = policy;
    }

    List<Exemption> read(List<JsonNode> nodes, Problems problems) {
        List<Exemption> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            String at = "exemptions[" + i + "]";
            readOne(nodes.get(i), at, problems).ifPresent(e -> {
                if (!names.add(e.name())) {
                    problems.add(at + ".name", "unique", "another exemption is named \"" + e.name() + "\"");
                }
                out.add(e);
            });
        }
        return out;
    }

    private Optional<Exemption> readOne(JsonNode node, String at, Problems problems) {
        Fields e = Fields.of(node, at, problems);
        if (e == null) {
            return Optional.empty();
        }
        String name = e.string("name", true, NAME, "1-64 letters, digits, '.', '_' or '-'");
        Match match = BaselineLoader.readMatch(e.object("match", true), e.at("match"), problems);
        Set<String> settings = new LinkedHashSet<>(e.strings("settings", false, 100, null, null));
        settings.stream().filter(t -> catalog.find(t).isEmpty()).forEach(t -> problems.add(e.at("settings"), "enum",
                "\"" + t + "\" is not a setting; known: " + String.join(", ", catalog.types())));
        Set<Exemption.ItemRef> items = readItems(e.array("items", false), e.at("items"), problems);
        if (settings.isEmpty() && items.isEmpty()) {
            problems.add(at, "required", "must name the settings or the items it exempts");
        }
        String reason = e.string("reason", true);
        if (reason != null && reason.isBlank()) {
            problems.add(e.at("reason"), "required", "must say why the exception was accepted");
        }
        String ticket = e.string("ticket", true, TICKET, "the accepting ticket's id, 1-64 characters");
        LocalDate expires = readExpiry(e, problems);
        e.rejectUnknown();
        if (name == null || match == null || reason == null || reason.isBlank() || ticket == null || expires == null) {
            return Optional.empty();
        }
        return Optional.of(new Exemption(name, match, settings, items, reason.strip(), ticket, expires));
    }

    private LocalDate readExpiry(Fields e, Problems problems) {
        String text = e.string("expires", true, DATE, "a date, YYYY-MM-DD");
        if (text == null) {
            return null;
        }
        LocalDate expires;
        try {
            expires = LocalDate.parse(text);
        } catch (DateTimeParseException ex) {
            problems.add(e.at("expires"), "date", "is not a calendar date (was \"" + text + "\")");
            return null;
        }
        if (expires.isAfter(policy.latestExpiry())) {
            problems.add(e.at("expires"), "max-days", "must be at most " + policy.maxDays() + " days ahead, by "
                    + policy.latestExpiry() + " (was " + expires + ")");
            return null;
        }
        return expires;
    }

    private Set<Exemption.ItemRef> readItems(List<JsonNode> nodes, String at, Problems problems) {
        Set<Exemption.ItemRef> out = new LinkedHashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Fields item = Fields.of(nodes.get(i), at + "[" + i + "]", problems);
            if (item == null) {
                continue;
            }
            String type = item.string("type", true);
            String name = item.string("name", true);
            if (type != null && catalog.find(type).isEmpty()) {
                problems.add(item.at("type"), "enum", "\"" + type + "\" is not a setting; known: "
                        + String.join(", ", catalog.types()));
            } else if (type != null && name != null) {
                out.add(new Exemption.ItemRef(type, name));
            }
            item.rejectUnknown();
        }
        return out;
    }
}
