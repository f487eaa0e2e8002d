package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.LocalRequest;
import io.trustbaseline.localcloud.LocalResponse;
import io.trustbaseline.localcloud.Route;
import io.trustbaseline.localcloud.World;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The AWS query protocol shared by IAM and STS: form-encoded {@code Action=...&Version=...} requests, answered with
 * {@code <XxxResponse><XxxResult>...</XxxResult><ResponseMetadata/></XxxResponse>} or with
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 */
final class QueryProtocol {
    /** One action: the result element's inner XML, or null for actions without a result. */
    @FunctionalInterface
    interface Action {
        String run(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now);
    }

    /** What an action asks of the caller's policy, from its parameters and the world. */
    @FunctionalInterface
    interface Authorization {
        List<Access> of(String action, Map<String, String> params, LocalRequest request, ObjectNode root);
    }

    private final String service;
    private final String xmlns;
    private final String serverErrorCode;
    private final Map<String, Action> reads;
    private final Map<String, Action> writes;
    private final Authorization authorization;

    QueryProtocol(String service, String xmlns, String serverErrorCode, Map<String, Action> reads, Map<String, Action> writes,
                  Authorization authorization) {
        this.authorization = authorization;
        this.service = service;
        this.xmlns = xmlns;
        this.serverErrorCode = serverErrorCode;
        this.reads = Map.copyOf(reads);
        this.writes = Map.copyOf(writes);
    }

    /** The route of a request signed for this service; an action it does not know gets AWS's InvalidAction. */
    Optional<Route> route(LocalRequest request) {
        if (!service.equals(LocalCloud.awsService(request)) || !request.path().equals("/")) {
            return Optional.empty();
        }
        Map<String, String> params = params(request);
        String name = params.getOrDefault("Action", "");
        boolean write = writes.containsKey(name);
        Action action = write ? writes.get(name) : reads.get(name);
        Route.Authorization asks = action == null ? Route.Authorization.none()
                : (req, root) -> authorization.of(service + ":" + name, params, req, root);
        return Optional.of(new Route(service + ":" + name, write, asks, (req, world) -> action == null
                ? error(new AwsError("InvalidAction", 400, "Could not find operation " + name + " for version "
                        + params.get("Version")))
                : answer(name, action, params, req, world)));
    }

    /** Throttling, server failures and access denials as the query services send them; other codes as given. */
    LocalResponse fault(Fault fault, LocalRequest request) {
        String action = route(request).map(Route::api).orElse(fault.api());
        AwsError error = switch (fault.error()) {
            case "ThrottlingException", "Throttling", "TooManyRequestsException" -> new AwsError("Throttling", 400, "Rate exceeded");
            case "ServerException", "ServiceFailure", "InternalFailure" ->
                    new AwsError(serverErrorCode, 500, "The request processing has failed because of an unknown error.");
            case "AccessDeniedException", "AccessDenied" -> new AwsError("AccessDenied", 403, "User: arn:aws:iam::"
                    + LocalCloud.awsAccessKeyId(request) + ":user/local-cloud is not authorized to perform: " + action
                    + " because no identity-based policy allows the " + action + " action");
            default -> new AwsError(fault.error(), 400, "Injected fault " + fault.error() + " on " + action);
        };
        LocalResponse response = error(fault.status() == null ? error : new AwsError(error.code(), fault.status(), error.getMessage()));
        return fault.retryAfterSeconds() == null ? response
                : response.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
    }

    private LocalResponse answer(String name, Action action, Map<String, String> params, LocalRequest request, World world) {
        try {
            Instant now = world.clock().instant().truncatedTo(ChronoUnit.MILLIS);
            String result = world.locked(root -> action.run(params, LocalCloud.awsAccessKeyId(request), request, root, now));
            StringBuilder xml = new StringBuilder("<").append(name).append("Response xmlns=\"").append(xmlns).append("\">");
            if (result != null) {
                xml.append('<').append(name).append("Result>").append(result).append("</").append(name).append("Result>");
            }
            xml.append("<ResponseMetadata><RequestId>").append(UUID.randomUUID()).append("</RequestId></ResponseMetadata>")
                    .append("</").append(name).append("Response>");
            return LocalResponse.xml(200, xml.toString());
        } catch (AwsError e) {
            return error(e);
        }
    }

    LocalResponse error(AwsError e) {
        return LocalResponse.xml(e.status(), "<ErrorResponse xmlns=\"" + xmlns + "\"><Error><Type>"
                + (e.serverFault() ? "Receiver" : "Sender") + "</Type>" + element("Code", e.code())
                + element("Message", e.getMessage()) + "</Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>");
    }

    /** The request's parameters: the query string and the form body together. */
    static Map<String, String> params(LocalRequest request) {
        Map<String, String> params = new LinkedHashMap<>(request.query());
        String type = request.header("content-type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            params.putAll(request.form());
        }
        return params;
    }

    /** The {@code prefix.member.N.key} / {@code .value} pairs of a list parameter, in order of N. */
    static Map<String, String> pairs(Map<String, String> params, String prefix, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int n = 1; params.containsKey(prefix + ".member." + n + "." + key); n++) {
            out.put(params.get(prefix + ".member." + n + "." + key), params.getOrDefault(prefix + ".member." + n + "." + value, ""));
        }
        return out;
    }

    /** A parameter checked the way AWS's model validation does it, with AWS's ValidationError text. */
    static String valid(Map<String, String> params, String name, boolean required, int min, int max, Pattern pattern) {
        String value = params.get(name);
        String member = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        List<String> problems = new ArrayList<>();
        if (value == null) {
            if (required) {
                problems.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
            }
        } else {
            if (value.length() < min) {
                problems.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
            }
            if (value.length() > max) {
                problems.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
            }
            if (pattern != null && !pattern.matcher(value).matches()) {
                problems.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern.pattern());
            }
        }
        if (!problems.isEmpty()) {
            throw new AwsError("ValidationError", 400, problems.size() + " validation error" + (problems.size() > 1 ? "s" : "")
                    + " detected: " + String.join("; ", problems));
        }
        return value;
    }

    /** An integer parameter within [min, max], or {@code fallback} when absent, with AWS's ValidationError text. */
    static int validInt(Map<String, String> params, String name, int fallback, int min, int max) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.matches("\\d{1,9}") && Integer.parseInt(value) >= min && Integer.parseInt(value) <= max) {
            return Integer.parseInt(value);
        }
        throw new AwsError("ValidationError", 400, "1 validation error detected: Value '" + value + "' at '"
                + Character.toLowerCase(name.charAt(0)) + name.substring(1)
                + "' failed to satisfy constraint: Member must have value between " + min + " and " + max);
    }

    static String element(String name, String text) {
        return text == null ? "" : "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
