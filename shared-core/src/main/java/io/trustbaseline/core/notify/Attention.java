package io.trustbaseline.core.notify;

import io.trustbaseline.core.report.ItemReport;
import io.trustbaseline.core.report.ItemStatus;
import io.trustbaseline.core.report.Report;
import io.trustbaseline.core.report.TargetReport;

import java.util.ArrayList;
import java.util.List;

/** An item a person should look at: it failed, it is blocked, or its exemption lapsed and it is enforced again. */
public record Attention(String target, String setting, String name, String why, String message) {

    public static List<Attention> of(Report report) {
        List<Attention> out = new ArrayList<>();
        for (TargetReport target : report.targets()) {
            if (target.error() != null) {
                out.add(new Attention(target.target(), "", "", "failed", target.error().code() + ": "
                        + target.error().message()));
            }
            for (ItemReport item : target.items()) {
                if (item.status() == ItemStatus.FAILED || item.status() == ItemStatus.BLOCKED) {
                    out.add(new Attention(target.target(), item.setting(), item.name(), item.status().id(), item.message()));
                } else if (item.exemption() != null && item.exemption().lapsed()) {
                    out.add(new Attention(target.target(), item.setting(), item.name(), "exemption lapsed",
                            item.message()));
                }
            }
        }
        return out;
    }
}
