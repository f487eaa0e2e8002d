package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.LocalRequest;

import java.util.regex.Matcher;

/**
 * One ARM request being answered: the request, its path parameters, the world root it may read and change, the world's
 * time and the service's long-running operations.
 */
record ArmCall(LocalRequest request, Matcher parameters, ObjectNode root, java.time.Instant now, LongRunning operations) {

    String param(String name) {
        return parameters.group(name);
    }

    String apiVersion() {
        return request.query().get("api-version");
    }

    JsonNode body() {
        return ArmJson.parse(request.body());
    }

    /** The scheme and authority the client used, so that operation URLs point back at this server. */
    String baseUrl() {
        String host = request.header("host");
        return "http://" + (host == null ? "127.0.0.1" : host);
    }
}
