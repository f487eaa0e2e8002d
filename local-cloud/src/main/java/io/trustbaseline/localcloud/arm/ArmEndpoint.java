package io.trustbaseline.localcloud.arm;

import io.trustbaseline.localcloud.LocalResponse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ARM operation the emulator serves: HTTP method, path template, API name for the call log and faults
 * ({@code arm:<swagger operationId>}), whether it writes, and the ARM authorization action a caller needs for it.
 * Templates name path parameters {@code {name}} (one segment) or {@code {*name}} (any number of segments, for
 * extension-resource scopes); ARM paths match case-insensitively.
 */
record ArmEndpoint(String method, Pattern path, String api, boolean write, String action, Handler handler) {

    @FunctionalInterface
    interface Handler {
        LocalResponse handle(ArmCall call);
    }

    static ArmEndpoint of(String method, String template, String operationId, String action, Handler handler) {
        boolean write = !method.equals("GET");
        return new ArmEndpoint(method, compile(template), "arm:" + operationId, write, action, handler);
    }

    /** The path parameters when this endpoint serves the request, else null. */
    Matcher match(String method, String path) {
        if (!this.method.equals(method)) {
            return null;
        }
        Matcher m = this.path.matcher(path);
        return m.matches() ? m : null;
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = Pattern.compile("\\{(\\*?)(\\w+)}").matcher(template);
        int at = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start())));
            String segments = parameter.group(1).isEmpty() ? "[^/]+" : "(?:/[^/]+)+";
            regex.append("(?<").append(parameter.group(2)).append('>').append(segments).append(')');
            at = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
