package io.trustbaseline.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.core.json.Json;

import java.util.regex.Pattern;

/** The request id of a document that failed to parse, when one can be read, so its rejection can be traced. */
final class RequestIds {
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");

    private RequestIds() { }

    static String bestEffort(String json) {
        try {
            JsonNode id = Json.MAPPER.readTree(json).path("requestId");
            return id.isTextual() && SAFE.matcher(id.textValue()).matches() ? id.textValue() : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
