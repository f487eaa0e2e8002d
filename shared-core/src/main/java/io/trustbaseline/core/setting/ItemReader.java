package io.trustbaseline.core.setting;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Fields;
import io.trustbaseline.core.problem.Problems;
import io.trustbaseline.core.request.Action;
import io.trustbaseline.core.setting.contract.ContractReader;

import java.util.Optional;

/** Reads one setting item, in a request or the baseline: its {@code type}, its parameters, its {@code confirm}. */
public final class ItemReader {
    private final Catalog catalog;

    public ItemReader(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The item at {@code at}, or empty with the problems recorded. {@code where} says whose item it is: only a
     * request's item of a removable setting carries {@code confirm} (the baseline never removes).
     */
    public Optional<SettingItem> read(JsonNode node, String at, Action action, GuardScope where, Problems problems) {
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
        if (setting.isEmpty()) {
            return Optional.empty(); // its other fields cannot be judged without knowing the setting
        }
        String confirm = where == GuardScope.REQUEST && setting.get().removable() ? fields.string("confirm", false) : null;
        SettingItem item = setting.get().read(ContractReader.read(setting.get().contract(), fields, action, where), action);
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
