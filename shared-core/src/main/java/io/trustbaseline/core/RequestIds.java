package io.trustbaseline.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.json.Json;

import java.util.regex.Pattern;

/**
 * The one format of the ids that travel in reports and logs (request ids, event ids, sweep ids), and the request id
 * of a document (or of the request inside a work message) that failed to parse, when one can be read, so its
 * rejection can be traced.
 */
public final class RequestIds {
    public static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    /** {@link #FORMAT} in words, for the errors that name it. */
    public static final String RULE = "1-128 letters, digits, '.', '_', ':' or '-'";

    private RequestIds() { }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }

    static String bestEffort(String json) {
        try {
            return bestEffort(Json.MAPPER.readTree(json));
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String bestEffort(JsonNode doc) {
        JsonNode id = WorkMessage.isWorkMessage(doc) ? doc.path("request").path("requestId") : doc.path("requestId");
        return id.isTextual() && isValid(id.textValue()) ? id.textValue() : "unknown";
    }
}
