package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.CloudService;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.LocalRequest;
import io.trustbaseline.localcloud.LocalResponse;
import io.trustbaseline.localcloud.Route;
import io.trustbaseline.localcloud.World;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS Systems Manager Parameter Store (JSON 1.1 protocol, API 2014-11-06), GetParameter only: where a deployed
 * function reads its baseline. Parameters live in {@code aws.accounts.<id>.regions.<region>.ssmParameters.<name>} as
 * {@code {"value": "...", "type": "String", "version": 1}} (type and version optional).
 *
 * <p>As the service model says (botocore {@code ssm/2014-11-06/service-2.json}, GetParameter): {@code Name} is
 * required, 1-2048 characters, and may end in a {@code :version} selector. A parameter the caller's account does not
 * hold in the signed region is {@code ParameterNotFound}; a version it does not have, {@code ParameterVersionNotFound}
 * (both HTTP 400). Only the caller's own account is looked in: a parameter of another account is not found, as in
 * the cloud (shared parameters by ARN are not emulated).
 *
 * <p><b>Permissions.</b> GetParameter is authorised on the parameter's ARN (the Service Authorization Reference for
 * Systems Manager: resource type {@code parameter}); a version selector is not part of it. A caller whose policy does
 * not allow it gets AccessDeniedException (HTTP 400, as the JSON protocol answers it) before anything is read.
 */
public final class SsmService implements CloudService {
    private static final String TARGET = "AmazonSSM.GetParameter";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final int MAX_NAME = 2048;
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final IamPolicy policy;

    public SsmService(IamPolicy policy) {
        this.policy = policy;
    }

    @Override
    public IamPolicy permissions() {
        return policy;
    }

    @Override
    public LocalResponse denied(Access denied, LocalRequest request, World world) {
        return error(new AwsError("AccessDeniedException", 400, AwsAccess.deniedMessage(denied, request, world)));
    }

    @Override
    public Optional<Route> route(LocalRequest request) {
        if (!"ssm".equals(LocalCloud.awsService(request)) || !request.method().equals("POST")) {
            return Optional.empty();
        }
        if (!TARGET.equals(request.header("x-amz-target"))) {
            return Optional.empty();
        }
        return Optional.of(new Route("ssm:GetParameter", false, SsmService::access, SsmService::getParameter));
    }

    /** ssm:GetParameter on the parameter's ARN in the signed region (its {@code aws:RequestedRegion}). */
    private static List<Access> access(LocalRequest request, ObjectNode root) {
        String selector;
        try {
            selector = World.JSON.readTree(request.body()).path("Name").asText("");
        } catch (IOException e) {
            selector = ""; // the handler answers the bad body
        }
        String region = LocalCloud.awsRegion(request);
        return List.of(AwsAccess.of(request, "ssm:GetParameter", arn(region, AwsAccess.account(request), name(selector)))
                .with(IamPolicy.REQUESTED_REGION, List.of(String.valueOf(region))));
    }

    /** A selector's parameter name: {@code /a/b:3} names {@code /a/b}. */
    private static String name(String selector) {
        int colon = selector.lastIndexOf(':');
        return colon > 0 ? selector.substring(0, colon) : selector;
    }

    private static String arn(String region, String account, String name) {
        return "arn:aws:ssm:" + region + ":" + account + ":parameter" + (name.startsWith("/") ? "" : "/") + name;
    }

    @Override
    public LocalResponse fault(Fault fault, LocalRequest request) {
        AwsError error = switch (fault.error()) {
            case "ThrottlingException", "Throttling", "TooManyRequestsException" ->
                    new AwsError("ThrottlingException", 400, "Rate exceeded");
            case "InternalServerError", "ServiceFailure", "InternalFailure" ->
                    new AwsError("InternalServerError", 500, "An internal error occurred. Try again.");
            default -> new AwsError(fault.error(), 400, "Injected fault " + fault.error() + " on ssm:GetParameter");
        };
        return error(fault.status() == null ? error : new AwsError(error.code(), fault.status(), error.getMessage()));
    }

    private static LocalResponse getParameter(LocalRequest request, World world) {
        try {
            JsonNode body = request.body().length == 0 ? NODES.objectNode() : World.JSON.readTree(request.body());
            JsonNode name = body.get("Name");
            if (name == null || !name.isTextual() || name.asText().isEmpty() || name.asText().length() > MAX_NAME) {
                throw new AwsError("ValidationException", 400, "1 validation error detected: Value at 'name' failed to"
                        + " satisfy constraint: Member must have length between 1 and " + MAX_NAME);
            }
            String region = LocalCloud.awsRegion(request);
            String accessKeyId = LocalCloud.awsAccessKeyId(request);
            return LocalResponse.of(200, CONTENT_TYPE, world.locked(root -> parameter(root, accessKeyId, region, name.asText())).toString());
        } catch (AwsError e) {
            return error(e);
        } catch (IOException e) {
            return error(new AwsError("SerializationException", 400, "The request body is not valid JSON"));
        }
    }

    private static ObjectNode parameter(ObjectNode root, String accessKeyId, String region, String selector) {
        // An access key id that is an account id acts in that account, even one the world holds nothing of.
        String account = accessKeyId != null && ACCOUNT_ID.matcher(accessKeyId).matches() ? accessKeyId
                : AwsWorld.callerAccount(root, accessKeyId);
        int colon = selector.lastIndexOf(':');
        String name = name(selector);
        JsonNode stored = AwsWorld.accounts(root).path(account).path("regions").path(region).path("ssmParameters").get(name);
        if (stored == null || !stored.isObject()) {
            throw new AwsError("ParameterNotFound", 400, "");
        }
        long version = stored.path("version").asLong(1);
        if (colon > 0 && !selector.substring(colon + 1).equals(String.valueOf(version))) {
            throw new AwsError("ParameterVersionNotFound", 400, "Systems Manager could not find version "
                    + selector.substring(colon + 1) + " of " + name + ". Verify the version and try again.");
        }
        ObjectNode parameter = NODES.objectNode()
                .put("Name", name)
                .put("Type", stored.path("type").asText("String"))
                .put("Value", stored.path("value").asText())
                .put("Version", version)
                .put("LastModifiedDate", AwsWorld.SEEDED.getEpochSecond())
                .put("ARN", arn(region, account, name))
                .put("DataType", "text");
        if (colon > 0) {
            parameter.put("Selector", selector.substring(colon));
        }
        ObjectNode response = NODES.objectNode();
        response.set("Parameter", parameter);
        return response;
    }

    /** JSON 1.1 errors: the SDK reads the code from {@code __type} and the text from {@code message}. */
    private static LocalResponse error(AwsError e) {
        ObjectNode body = NODES.objectNode().put("__type", e.code());
        if (!e.getMessage().isEmpty()) {
            body.put("message", e.getMessage());
        }
        return LocalResponse.of(e.status(), CONTENT_TYPE, body.toString());
    }
}
