package io.trustbaseline.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.delivery.WorkMessage;
import io.trustbaseline.core.json.Json;

import java.util.regex.Pattern;

/** The request id of a document (or of the request inside a work message) that failed to parse, when one can be read, so its rejection can be traced. */
final class RequestIds {
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private RequestIds() { }

    static String bestEffort(String json) {
        try {
            JsonNode doc = Json.MAPPER.readTree(json);
            JsonNode id = WorkMessage.isWorkMessage(doc) ? doc.path("request").path("requestId") : doc.path("requestId");
            return id.isTextual() && SAFE.matcher(id.textValue()).matches() ? id.textValue() : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
