package io.trustbaseline.core.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.json.Json;
import io.trustbaseline.core.report.Redaction;
import io.trustbaseline.core.report.Report;

import java.util.List;
import java.util.Locale;

/**
 * The body an incoming webhook takes: Slack's {@code {"text": …}} (mrkdwn), or a Teams workflow's message with one
 * Adaptive Card (a heading and one line per item).
 */
public enum WebhookFormat {
    SLACK, TEAMS;

    /** At most this many items are listed; the rest are counted. */
    static final int MAX_LINES = 20;

    public static WebhookFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook format must be slack or teams (was \"" + text + "\")", e);
        }
    }

    public String body(Report report, List<Attention> items) {
        String heading = "trust-baseline " + report.requestId() + " (" + report.trigger().id() + "): "
                + report.status().id() + ", " + items.size() + (items.size() == 1 ? " item needs" : " items need") + " attention";
        List<String> lines = items.stream().limit(MAX_LINES).map(WebhookFormat::line).toList();
        String more = items.size() > MAX_LINES ? "… and " + (items.size() - MAX_LINES) + " more" : null;
        ObjectNode root = Json.MAPPER.createObjectNode();
        if (this == SLACK) {
            StringBuilder text = new StringBuilder("*").append(heading).append("*");
            lines.forEach(l -> text.append("\n• ").append(l));
            if (more != null) {
                text.append("\n").append(more);
            }
            root.put("text", text.toString());
        } else {
            root.put("type", "message");
            ObjectNode card = root.putArray("attachments").addObject()
                    .put("contentType", "application/vnd.microsoft.card.adaptive")
                    .putObject("content");
            card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json").put("type", "AdaptiveCard")
                    .put("version", "1.4");
            ArrayNode body = card.putArray("body");
            body.addObject().put("type", "TextBlock").put("text", heading).put("weight", "Bolder").put("wrap", true);
            lines.forEach(l -> body.addObject().put("type", "TextBlock").put("text", "- " + l).put("wrap", true));
            if (more != null) {
                body.addObject().put("type", "TextBlock").put("text", more).put("wrap", true);
            }
        }
        // the heading carries the request id and each line an item's name and message, as a report does: the body
        // is scrubbed whole, as Report.toJson is, before it leaves for the webhook
        return Redaction.scrub(Json.write(root));
    }

    private static String line(Attention a) {
        String what = a.setting().isEmpty() ? "" : " " + a.setting()
                + (a.name().isEmpty() || a.name().equals(a.setting()) ? "" : " " + a.name());
        return a.why() + ": " + a.target() + what + ": " + a.message();
    }
}
