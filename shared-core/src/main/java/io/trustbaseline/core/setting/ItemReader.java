package io.trustbaseline.core.setting;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.request.Action;

import java.util.Optional;

/** Reads one setting item, in a request or the baseline: its {@code type}, its parameters, its {@code confirm}. */
public final class ItemReader {
    private final Catalog catalog;

    public ItemReader(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The item at {@code at}, or empty with the problems recorded. {@code confirmAllowed} is false for the baseline,
     * which never removes.
     */
    public Optional<SettingItem> read(JsonNode node, String at, Action action, boolean confirmAllowed, Problems problems) {
        Fields fields = Fields.of(node, at, problems);
        if (fields == null) {
            return Optional.empty();
        }
        String type = fields.string("type", true);
        Optional<Setting<?>> setting = type == null ? Optional.empty() : catalog.find(type);
        if (type != null && setting.isEmpty()) {
            problems.add(fields.at("type"), "enum", "must be one of " + String.join(", ", catalog.types())
                    + " (was \"" + type + "\")");
        }
        String confirm = confirmAllowed ? fields.string("confirm", false) : null;
        if (setting.isEmpty()) {
            return Optional.empty(); // its other fields cannot be judged without knowing the setting
        }
        SettingItem item = setting.get().read(fields, action);
        fields.rejectUnknown();
        if (item != null && action == Action.REMOVE) {
            if (!setting.get().removable()) {
                problems.add(fields.at("type"), "remove-unsupported", type + " cannot be removed by a request");
            } else if (confirm == null) {
                problems.add(fields.at("confirm"), "confirm", "removing " + type + " cuts access off: repeat the item's"
                        + " name \"" + item.name() + "\" in confirm");
            } else if (!confirm.equals(item.name())) {
                problems.add(fields.at("confirm"), "confirm", "must equal the item's name \"" + item.name()
                        + "\" (was \"" + confirm + "\")");
            }
        }
        return Optional.ofNullable(item);
    }
}
