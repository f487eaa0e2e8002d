package io.trustbaseline.localcloud;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response an emulator returns. */
public record LocalResponse(int status, Map<String, String> headers, byte[] body) {

    public static LocalResponse json(int status, String json) {
        return of(status, "application/json; charset=utf-8", json);
    }

    public static LocalResponse xml(int status, String xml) {
        return of(status, "text/xml", xml);
    }

    public static LocalResponse empty(int status) {
        return new LocalResponse(status, new LinkedHashMap<>(), new byte[0]);
    }

    public static LocalResponse of(int status, String contentType, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new LocalResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy with one more header. */
    public LocalResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new LocalResponse(status, copy, body);
    }
}
