package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.LocalResponse;

import java.util.List;

/** JSON helpers for ARM bodies: compact output, {@code {"value":[...]}} pages. */
final class ArmJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArmJson() { }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ArmError.badRequest("InvalidRequestContent", "The request content was empty.");
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw ArmError.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: "
                    + e.getMessage());
        }
    }

    static LocalResponse response(int status, JsonNode body) {
        try {
            return LocalResponse.json(status, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One page holding every item: the emulator never sends a nextLink. */
    static LocalResponse page(List<? extends JsonNode> items) {
        ObjectNode body = object();
        ArrayNode value = body.putArray("value");
        items.forEach(value::add);
        return response(200, body);
    }
}
