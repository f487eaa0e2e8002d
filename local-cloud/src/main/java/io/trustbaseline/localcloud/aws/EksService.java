package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Amazon EKS (REST-JSON, API 2017-11-01) for the operations the adapters call: DescribeCluster, ListClusters, the
 * add-on calls CreateAddon / DescribeAddon / ListAddons, the five Pod Identity association calls and the access-entry
 * calls CreateAccessEntry / DescribeAccessEntry / AssociateAccessPolicy / ListAssociatedAccessPolicies /
 * ListAccessPolicies, with the routes,
 * shapes and errors of the botocore model. State lives in {@code aws.accounts.<id>.regions.<region>.clusters}.
 *
 * <p><b>Account.</b> The region comes from the SigV4 credential scope. The account is the one whose region holds the
 * cluster; when several accounts hold it, the one whose id equals the access key id (see {@link AwsWorld}).
 *
 * <p><b>Add-ons.</b> CreateAddon answers {@code CREATING}; the next DescribeAddon of a {@code CREATING} add-on (also
 * one seeded so) moves it to {@code ACTIVE} and answers that, so a waiter that re-reads converges on its first poll.
 * Other states ({@code DEGRADED}, {@code CREATE_FAILED}, ...) stay as seeded.
 *
 * <p><b>Rules enforced.</b> Unknown cluster, add-on or association: ResourceNotFoundException (404). Writes on a
 * cluster that is not {@code ACTIVE}: InvalidRequestException (400). A second association for the same namespace and
 * service account, or an add-on that exists: ResourceInUseException (409). A namespace that is not a DNS-1123 label,
 * a service account that is not a DNS-1123 subdomain, a role ARN that is not an IAM role ARN, a role in another
 * account than the cluster's or one the world does not hold, maxResults outside 1-100, a bad nextToken:
 * InvalidParameterException (400). More than 1000 associations per cluster: ResourceLimitExceededException.
 * Access entries on a cluster whose {@code accessConfig.authenticationMode} is CONFIG_MAP (the default):
 * InvalidRequestException; a second entry for a principal: ResourceInUseException; a principal that is not an IAM role
 * or user ARN, or a role the world does not hold, a policy ListAccessPolicies does not name, a namespace scope without
 * namespaces: InvalidParameterException; policies on a node entry: InvalidRequestException.
 */
public final class EksService implements CloudService {
    private static final int MAX_ASSOCIATIONS = 1000;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IamPolicy policy;

    public EksService(IamPolicy policy) {
        this.policy = policy;
    }

    @Override
    public IamPolicy permissions() {
        return policy;
    }

    /** EKS's AccessDeniedException (403, rest-json), which it also answers when the iam:PassRole it checks is denied. */
    @Override
    public LocalResponse denied(Access denied, LocalRequest request, World world) {
        return error(new AwsError("AccessDeniedException", 403, AwsAccess.deniedMessage(denied, request, world)));
    }

    @Override
    public Optional<Route> route(LocalRequest request) {
        if (!"eks".equals(LocalCloud.awsService(request))) {
            return Optional.empty();
        }
        String[] p = request.path().replaceAll("^/+|/+$", "").split("/");
        String method = request.method();
        if (p.length == 2 && p[0].equals("addons") && p[1].equals("supported-versions") && method.equals("GET")) {
            return route("DescribeAddonVersions", false, p, this::describeAddonVersions);
        }
        if (p.length == 1 && p[0].equals("access-policies") && method.equals("GET")) {
            return route("ListAccessPolicies", false, p, this::listAccessPolicies);
        }
        if (p.length == 0 || !p[0].equals("clusters")) {
            return Optional.empty();
        }
        boolean get = method.equals("GET");
        boolean post = method.equals("POST");
        if (p.length >= 3 && p[2].equals("access-entries")) {
            return accessEntryRoute(p, get, post);
        }
        return switch (p.length) {
            case 1 -> get ? route("ListClusters", false, p, this::listClusters) : Optional.empty();
            case 2 -> get ? route("DescribeCluster", false, p, this::describeCluster) : Optional.empty();
            case 3 -> switch (p[2]) {
                case "addons" -> get ? route("ListAddons", false, p, this::listAddons)
                        : post ? route("CreateAddon", true, p, this::createAddon) : Optional.empty();
                case "pod-identity-associations" -> get ? route("ListPodIdentityAssociations", false, p, this::listAssociations)
                        : post ? route("CreatePodIdentityAssociation", true, p, this::createAssociation) : Optional.empty();
                default -> Optional.empty();
            };
            case 4 -> switch (p[2]) {
                case "addons" -> get ? route("DescribeAddon", false, p, this::describeAddon) : Optional.empty();
                case "pod-identity-associations" -> switch (method) {
                    case "GET" -> route("DescribePodIdentityAssociation", false, p, this::describeAssociation);
                    case "POST" -> route("UpdatePodIdentityAssociation", true, p, this::updateAssociation);
                    case "DELETE" -> route("DeletePodIdentityAssociation", true, p, this::deleteAssociation);
                    default -> Optional.empty();
                };
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    /**
     * The access-entry routes of the model: POST {@code /clusters/{name}/access-entries} (CreateAccessEntry), GET
     * {@code .../access-entries/{principalArn}} (DescribeAccessEntry), POST and GET
     * {@code .../access-entries/{principalArn}/access-policies} (AssociateAccessPolicy, ListAssociatedAccessPolicies).
     * The SDK sends the ARN as one encoded segment; the path arrives decoded, so the ARN is the segments between
     * {@code access-entries} and a final {@code access-policies}.
     */
    private Optional<Route> accessEntryRoute(String[] p, boolean get, boolean post) {
        if (p.length == 3) {
            return post ? route("CreateAccessEntry", true, p, this::createAccessEntry) : Optional.empty();
        }
        boolean policies = p.length > 4 && p[p.length - 1].equals("access-policies");
        if (policies) {
            return post ? route("AssociateAccessPolicy", true, p, this::associateAccessPolicy)
                    : get ? route("ListAssociatedAccessPolicies", false, p, this::listAssociatedAccessPolicies)
                    : Optional.empty();
        }
        return get ? route("DescribeAccessEntry", false, p, this::describeAccessEntry) : Optional.empty();
    }

    @Override
    public LocalResponse fault(Fault fault, LocalRequest request) {
        String action = route(request).map(Route::api).orElse(fault.api());
        AwsError error = switch (fault.error()) {
            case "ThrottlingException", "Throttling", "TooManyRequestsException" ->
                    new AwsError("ThrottlingException", 429, "Rate exceeded");
            case "ServerException", "ServiceFailure", "InternalFailure" ->
                    new AwsError("ServerException", 500, "An internal error occurred. Try again.");
            case "ServiceUnavailableException" -> new AwsError("ServiceUnavailableException", 503, "Service unavailable.");
            case "AccessDeniedException", "AccessDenied" -> new AwsError("AccessDeniedException", 403,
                    "User: arn:aws:iam::" + LocalCloud.awsAccessKeyId(request) + ":user/local-cloud is not authorized to perform: "
                            + action + " because no identity-based policy allows the " + action + " action");
            default -> new AwsError(fault.error(), 400, "Injected fault " + fault.error() + " on " + action);
        };
        LocalResponse response = error(fault.status() == null ? error : new AwsError(error.code(), fault.status(), error.getMessage()));
        return fault.retryAfterSeconds() == null ? response
                : response.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
    }

    // ---- plumbing -------------------------------------------------------------------------------------------

    /** One EKS call: the path segments, the decoded query, the JSON body, the region and the access key. */
    private record Call(String[] path, Map<String, String> query, JsonNode body, String region, String accessKeyId, Instant now) {
        String clusterName() { return path[1]; }
    }

    @FunctionalInterface
    private interface Operation {
        ObjectNode run(Call call, ObjectNode root);
    }

    /** A cluster of the world: where it is and its live node. */
    private record ClusterRef(String account, String region, String name, ObjectNode node) {
        String arn(String kind, String rest) { return "arn:aws:eks:" + region + ":" + account + ":" + kind + "/" + rest; }
        String status() { return node.path("status").asText("ACTIVE"); }
    }

    private Optional<Route> route(String operation, boolean write, String[] path, Operation op) {
        return Optional.of(new Route("eks:" + operation, write, (request, root) -> access("eks:" + operation, path, request),
                (request, world) -> answer(request, world, path, op)));
    }

    /**
     * The resource each operation is authorised on, as the Service Authorization Reference for Amazon EKS lists them:
     * ListClusters none ({@code *}); the cluster for DescribeCluster, the add-on and association collections; the add-on
     * for DescribeAddon; the association for the calls on one. An association's role is passed to
     * {@code pods.eks.amazonaws.com} (iam:PassRole), and tags sent on create need eks:TagResource for their keys.
     */
    private static List<Access> access(String action, String[] p, LocalRequest request) {
        String account = AwsAccess.account(request);
        String region = LocalCloud.awsRegion(request);
        String prefix = "arn:aws:eks:" + region + ":" + account + ":";
        List<Access> out = new ArrayList<>();
        if (p.length >= 3 && p[0].equals("clusters") && p[2].equals("access-entries")) {
            return accessEntryAccess(action, p, request, prefix);
        }
        String resource = switch (p.length) {
            case 1 -> "*";
            case 2 -> p[0].equals("addons") ? "*" : prefix + "cluster/" + p[1];
            case 4 -> p[2].equals("addons") ? prefix + "addon/" + p[1] + "/" + p[3] + "/" + addonUuid(prefix, p[1], p[3])
                    : prefix + "podidentityassociation/" + p[1] + "/" + p[3];
            default -> prefix + "cluster/" + p[1];
        };
        out.add(AwsAccess.of(request, action, resource));
        if (action.endsWith("PodIdentityAssociation")) {
            JsonNode body = lenientBody(request);
            if (body.hasNonNull("roleArn") && (action.equals("eks:CreatePodIdentityAssociation")
                    || action.equals("eks:UpdatePodIdentityAssociation"))) {
                out.add(AwsAccess.passRole(request, body.get("roleArn").asText(), AwsAccess.POD_IDENTITY_SERVICE));
            }
            if (action.equals("eks:CreatePodIdentityAssociation") && body.path("tags").size() > 0) {
                List<String> keys = new ArrayList<>();
                body.get("tags").fieldNames().forEachRemaining(keys::add);
                out.add(AwsAccess.of(request, "eks:TagResource", prefix + "podidentityassociation/" + p[1] + "/*")
                        .with("aws:TagKeys", keys));
            }
        }
        return out;
    }

    /**
     * As the Service Authorization Reference for Amazon EKS lists them: CreateAccessEntry is authorised on the cluster
     * with the condition key eks:principalArn (and eks:TagResource on the entry for the tags it sends), the calls on one entry on the access entry,
     * {@code access-entry/<cluster>/<role|user>/<principal's account>/<principal's name>/<uuid>}.
     */
    private static List<Access> accessEntryAccess(String action, String[] p, LocalRequest request, String prefix) {
        List<Access> out = new ArrayList<>();
        if (action.equals("eks:CreateAccessEntry")) {
            JsonNode body = lenientBody(request);
            out.add(AwsAccess.of(request, action, prefix + "cluster/" + p[1])
                    .with("eks:principalArn", List.of(body.path("principalArn").asText(""))));
            if (body.path("tags").size() > 0) {
                List<String> keys = new ArrayList<>();
                body.get("tags").fieldNames().forEachRemaining(keys::add);
                String principal = body.path("principalArn").asText("");
                out.add(AwsAccess.of(request, "eks:TagResource", accessEntryArn(prefix, p[1], principal))
                        .with("aws:TagKeys", keys));
            }
            return out;
        }
        out.add(AwsAccess.of(request, action, accessEntryArn(prefix, p[1], principalOf(p))));
        return out;
    }

    /** The access entry's ARN; its last part is a UUID EKS assigns, stable here for the same cluster and principal. */
    private static String accessEntryArn(String arnPrefix, String cluster, String principalArn) {
        java.util.regex.Matcher m = PRINCIPAL.matcher(principalArn);
        String identity = m.matches() ? m.group(2) + "/" + m.group(1) + "/" + m.group(4) : "unknown";
        String uuid = UUID.nameUUIDFromBytes((arnPrefix + cluster + "/" + principalArn).getBytes(StandardCharsets.UTF_8))
                .toString();
        return arnPrefix + "access-entry/" + cluster + "/" + identity + "/" + uuid;
    }

    /** The principal ARN of an access-entry path (see {@link #accessEntryRoute}). */
    private static String principalOf(String[] p) {
        int end = p.length > 4 && p[p.length - 1].equals("access-policies") ? p.length - 1 : p.length;
        return String.join("/", java.util.Arrays.copyOfRange(p, 3, end));
    }

    private static JsonNode lenientBody(LocalRequest request) {
        try {
            JsonNode body = request.body().length == 0 ? null : World.JSON.readTree(request.body());
            return body == null ? NODES.objectNode() : body;
        } catch (java.io.IOException e) {
            return NODES.objectNode(); // the handler answers the bad body
        }
    }

    /** The stable last part of an add-on's ARN (EKS gives each add-on a UUID). */
    private static String addonUuid(String arnPrefix, String cluster, String addon) {
        return UUID.nameUUIDFromBytes((arnPrefix + "cluster/" + cluster + "/" + addon).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static LocalResponse answer(LocalRequest request, World world, String[] path, Operation op) {
        try {
            JsonNode body = request.body().length == 0 ? NODES.objectNode() : World.JSON.readTree(request.body());
            Call call = new Call(path, request.query(), body, LocalCloud.awsRegion(request), LocalCloud.awsAccessKeyId(request),
                    world.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            return LocalResponse.json(200, world.locked(root -> {
                ripen(root, world);
                return op.run(call, root);
            }).toString());
        } catch (AwsError e) {
            return error(e);
        } catch (java.io.IOException e) {
            return error(new AwsError("SerializationException", 400, "The request body is not valid JSON"));
        }
    }

    /** rest-json errors: the SDK reads the code from {@code x-amzn-ErrorType} (or {@code __type}) and {@code message}. */
    private static LocalResponse error(AwsError e) {
        ObjectNode body = NODES.objectNode().put("__type", e.code()).put("message", e.getMessage());
        return LocalResponse.json(e.status(), body.toString()).withHeader("x-amzn-ErrorType", e.code());
    }

    private static AwsError notFound(String message) { return new AwsError("ResourceNotFoundException", 404, message); }

    private static AwsError invalidParameter(String message) { return new AwsError("InvalidParameterException", 400, message); }

    private static ClusterRef cluster(Call call, ObjectNode root) {
        String name = call.clusterName();
        Optional<String> account = AwsWorld.resolve(root, call.accessKeyId(),
                a -> a.path("regions").path(call.region()).path("clusters").has(name));
        return account.map(a -> new ClusterRef(a, call.region(), name,
                        (ObjectNode) AwsWorld.accounts(root).path(a).path("regions").path(call.region()).path("clusters").path(name)))
                .orElseThrow(() -> notFound("No cluster found for name: " + name + "."));
    }

    /**
     * Clusters the world says become ready with time ({@code "readyAfterMs"}, counted from the world's start) are
     * {@code ACTIVE} once it has passed, as a cluster that was CREATING is when EKS finishes (10-15 minutes in AWS).
     */
    private static void ripen(ObjectNode root, World world) {
        for (JsonNode account : AwsWorld.accounts(root)) {
            for (JsonNode region : account.path("regions")) {
                for (JsonNode cluster : region.path("clusters")) {
                    if (cluster instanceof ObjectNode node && node.has("readyAfterMs")
                            && world.elapsed(node.get("readyAfterMs").asLong())) {
                        node.remove("readyAfterMs");
                        node.put("status", "ACTIVE");
                    }
                }
            }
        }
    }

    private static void requireActive(ClusterRef cluster) {
        if (!cluster.status().equals("ACTIVE")) {
            throw new AwsError("InvalidRequestException", 400, "Cluster " + cluster.name() + " is in " + cluster.status()
                    + " state; the request is invalid given the state of the cluster.");
        }
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw invalidParameter(field + " is required.");
        }
        return value.asText();
    }

    private static int maxResults(Call call) {
        String raw = call.query().get("maxResults");
        if (raw == null) {
            return 100;
        }
        try {
            int max = Integer.parseInt(raw);
            if (max >= 1 && max <= 100) {
                return max;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalidParameter("maxResults must be between 1 and 100.");
    }

    private static <T> Page<T> page(Call call, List<T> all) {
        try {
            return Page.of(all, call.query().get("nextToken"), maxResults(call));
        } catch (IllegalArgumentException e) {
            throw invalidParameter("The nextToken is not valid.");
        }
    }

    private static ObjectNode withToken(ObjectNode out, Page<?> page) {
        if (page.next() != null) {
            out.put("nextToken", page.next());
        }
        return out;
    }

    /** rest-json timestamps are epoch seconds. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static ObjectNode tags(JsonNode body) {
        JsonNode tags = body.path("tags");
        if (tags.isMissingNode() || tags.isNull()) {
            return NODES.objectNode();
        }
        if (!tags.isObject() || tags.size() > 50) {
            throw invalidParameter("tags must be a map of at most 50 entries.");
        }
        return ((ObjectNode) tags).deepCopy();
    }

    // ---- clusters -------------------------------------------------------------------------------------------

    private ObjectNode describeCluster(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        ObjectNode out = NODES.objectNode().put("name", c.name()).put("arn", c.arn("cluster", c.name()))
                .put("createdAt", epochSeconds(AwsWorld.instant(c.node(), "createdAt")))
                .put("version", c.node().path("version").asText("1.31")).put("status", c.status());
        for (String passed : List.of("platformVersion", "endpoint", "roleArn")) {
            if (c.node().hasNonNull(passed)) {
                out.put(passed, c.node().get(passed).asText());
            }
        }
        out.set("tags", c.node().path("tags").isObject() ? c.node().get("tags").deepCopy() : NODES.objectNode());
        out.putObject("accessConfig").put("authenticationMode", authenticationMode(c))
                .put("bootstrapClusterCreatorAdminPermissions", true);
        return NODES.objectNode().set("cluster", out);
    }

    private ObjectNode listClusters(Call call, ObjectNode root) {
        Optional<String> account = AwsWorld.resolve(root, call.accessKeyId(), a -> a.path("regions").has(call.region()));
        List<String> names = new ArrayList<>();
        account.ifPresent(a -> AwsWorld.accounts(root).path(a).path("regions").path(call.region()).path("clusters")
                .fieldNames().forEachRemaining(names::add));
        names.sort(null);
        Page<String> page = page(call, names);
        ObjectNode out = NODES.objectNode();
        page.items().forEach(out.putArray("clusters")::add);
        return withToken(out, page);
    }

    // ---- add-ons --------------------------------------------------------------------------------------------

    private ObjectNode createAddon(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        requireActive(c);
        String name = required(call.body(), "addonName");
        ObjectNode addons = c.node().withObject("/addons");
        if (addons.has(name)) {
            throw new AwsError("ResourceInUseException", 409, "Addon already exists.");
        }
        String serviceAccountRoleArn = call.body().path("serviceAccountRoleArn").asText(null);
        if (serviceAccountRoleArn != null && RoleArn.parse(serviceAccountRoleArn).isEmpty()) {
            throw invalidParameter("serviceAccountRoleArn " + serviceAccountRoleArn + " is not an IAM role ARN.");
        }
        ObjectNode tags = tags(call.body());
        String version = offeredVersion(root, name, call.body().path("addonVersion").asText(null));
        String now = call.now().toString();
        ObjectNode addon = addons.putObject(name).put("status", "CREATING").put("addonVersion", version);
        if (serviceAccountRoleArn != null) {
            addon.put("serviceAccountRoleArn", serviceAccountRoleArn);
        }
        if (call.body().hasNonNull("configurationValues")) {
            addon.put("configurationValues", call.body().get("configurationValues").asText());
        }
        addon.set("tags", tags);
        addon.put("createdAt", now).put("modifiedAt", now);
        return NODES.objectNode().set("addon", renderAddon(c, name, addon));
    }

    /**
     * The version CreateAddon installs: the one asked for, which must be one DescribeAddonVersions offers (the model's
     * documentation of addonVersion says so), or else the newest; an add-on EKS does not offer is refused too.
     */
    private static String offeredVersion(ObjectNode root, String name, String asked) {
        JsonNode addon = AwsCatalogue.addon(root, name)
                .orElseThrow(() -> invalidParameter("Addon " + name + " specified is not supported"));
        List<String> versions = AwsCatalogue.versions(addon);
        if (asked == null) {
            return versions.get(0);
        }
        if (!versions.contains(asked)) {
            throw invalidParameter("Addon version specified is not supported");
        }
        return asked;
    }

    /** DescribeAddonVersions: the catalogue's add-ons, filtered by addonName and kubernetesVersion as asked. */
    private ObjectNode describeAddonVersions(Call call, ObjectNode root) {
        String only = call.query().get("addonName");
        String kubernetes = call.query().get("kubernetesVersion");
        List<String> names = only == null ? AwsCatalogue.addonNames(root) : List.of(only);
        List<ObjectNode> infos = new ArrayList<>();
        for (String name : names) {
            Optional<JsonNode> entry = AwsCatalogue.addon(root, name);
            if (entry.isEmpty()) {
                if (only != null) {
                    throw notFound("Addon " + name + " not found.");
                }
                continue;
            }
            JsonNode addon = entry.get();
            List<String> clusterVersions = new ArrayList<>();
            addon.path("clusterVersions").forEach(v -> clusterVersions.add(v.asText()));
            if (kubernetes != null && !clusterVersions.contains(kubernetes)) {
                continue;
            }
            ObjectNode info = NODES.objectNode().put("addonName", name).put("type", addon.path("type").asText())
                    .put("publisher", addon.path("publisher").asText()).put("owner", addon.path("owner").asText());
            ArrayNode versions = info.putArray("addonVersions");
            List<String> offered = AwsCatalogue.versions(addon);
            for (String version : offered) {
                ObjectNode v = versions.addObject().put("addonVersion", version).put("requiresConfiguration", false);
                v.putArray("architecture").add("amd64").add("arm64");
                ArrayNode compatibilities = v.putArray("compatibilities");
                for (String cluster : kubernetes == null ? clusterVersions : List.of(kubernetes)) {
                    ObjectNode c = compatibilities.addObject().put("clusterVersion", cluster)
                            .put("defaultVersion", version.equals(offered.get(0)));
                    c.putArray("platformVersions").add("*");
                }
            }
            infos.add(info);
        }
        Page<ObjectNode> page = page(call, infos);
        ObjectNode out = NODES.objectNode();
        page.items().forEach(out.putArray("addons")::add);
        return withToken(out, page);
    }

    private ObjectNode describeAddon(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        String name = call.path()[3];
        JsonNode addon = c.node().path("addons").path(name);
        if (!(addon instanceof ObjectNode stored)) {
            throw notFound("No addon: " + name + " found in cluster: " + c.name());
        }
        if (stored.path("status").asText("ACTIVE").equals("CREATING")) {
            stored.put("status", "ACTIVE").put("modifiedAt", call.now().toString());
        }
        if (!stored.hasNonNull("addonVersion")) {
            // Seeded without a version: the newest the catalogue offers, as EKS installs by default.
            AwsCatalogue.addon(root, name).ifPresent(a -> stored.put("addonVersion", AwsCatalogue.versions(a).get(0)));
        }
        return NODES.objectNode().set("addon", renderAddon(c, name, stored));
    }

    private ObjectNode listAddons(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        List<String> names = new ArrayList<>();
        c.node().path("addons").fieldNames().forEachRemaining(names::add);
        names.sort(null);
        Page<String> page = page(call, names);
        ObjectNode out = NODES.objectNode();
        page.items().forEach(out.putArray("addons")::add);
        return withToken(out, page);
    }

    private static ObjectNode renderAddon(ClusterRef c, String name, JsonNode addon) {
        String uuid = addonUuid("arn:aws:eks:" + c.region() + ":" + c.account() + ":", c.name(), name);
        ObjectNode out = NODES.objectNode().put("addonName", name).put("clusterName", c.name())
                .put("status", addon.path("status").asText("ACTIVE"))
                .put("addonVersion", addon.path("addonVersion").asText(null))
                .put("addonArn", c.arn("addon", c.name() + "/" + name + "/" + uuid))
                .put("createdAt", epochSeconds(AwsWorld.instant(addon, "createdAt")))
                .put("modifiedAt", epochSeconds(AwsWorld.instant(addon, "modifiedAt")));
        out.putObject("health").putArray("issues");
        for (String passed : List.of("serviceAccountRoleArn", "configurationValues")) {
            if (addon.hasNonNull(passed)) {
                out.put(passed, addon.get(passed).asText());
            }
        }
        out.set("tags", addon.path("tags").isObject() ? addon.get("tags").deepCopy() : NODES.objectNode());
        return out;
    }

    // ---- pod identity associations -------------------------------------------------------------------------

    private ObjectNode createAssociation(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        requireActive(c);
        String namespace = required(call.body(), "namespace");
        String serviceAccount = required(call.body(), "serviceAccount");
        if (!DNS_LABEL.matcher(namespace).matches()) {
            throw invalidParameter("namespace " + namespace + " is not a valid Kubernetes namespace name (DNS-1123 label).");
        }
        if (serviceAccount.length() > 253 || !DNS_SUBDOMAIN.matcher(serviceAccount).matches()) {
            throw invalidParameter("serviceAccount " + serviceAccount + " is not a valid Kubernetes service account name.");
        }
        String roleArn = requireRole(root, c, required(call.body(), "roleArn"), call.now());
        ObjectNode tags = tags(call.body());
        ArrayNode associations = c.node().withArray("/podIdentityAssociations");
        for (JsonNode a : associations) {
            if (namespace.equals(a.path("namespace").asText()) && serviceAccount.equals(a.path("serviceAccount").asText())) {
                throw new AwsError("ResourceInUseException", 409, "Association already exists: " + a.path("associationId").asText());
            }
        }
        if (associations.size() >= MAX_ASSOCIATIONS) {
            throw new AwsError("ResourceLimitExceededException", 400,
                    "A cluster can have at most " + MAX_ASSOCIATIONS + " Pod Identity associations.");
        }
        String now = call.now().toString();
        ObjectNode association = NODES.objectNode().put("associationId", newAssociationId())
                .put("namespace", namespace).put("serviceAccount", serviceAccount).put("roleArn", roleArn);
        association.set("tags", tags);
        applyOptions(call.body(), association); // validates first: a refused create stores nothing
        association.put("createdAt", now).put("modifiedAt", now);
        associations.add(association);
        return NODES.objectNode().set("association", renderAssociation(c, association));
    }

    private ObjectNode describeAssociation(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        return NODES.objectNode().set("association", renderAssociation(c, association(c, call.path()[3])));
    }

    /** Changes the role, the target role or disableSessionTags; an empty targetRoleArn removes the target role. */
    private ObjectNode updateAssociation(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        ObjectNode association = association(c, call.path()[3]);
        requireActive(c);
        JsonNode body = call.body();
        if (!body.hasNonNull("roleArn") && !body.hasNonNull("targetRoleArn") && !body.hasNonNull("disableSessionTags")
                && !body.hasNonNull("policy")) {
            throw invalidParameter("An update must change roleArn, targetRoleArn, disableSessionTags or policy.");
        }
        String roleArn = body.hasNonNull("roleArn") ? requireRole(root, c, body.get("roleArn").asText(), call.now()) : null;
        applyOptions(body, association);
        if (roleArn != null) {
            association.put("roleArn", roleArn);
        }
        association.put("modifiedAt", call.now().toString());
        return NODES.objectNode().set("association", renderAssociation(c, association));
    }

    private ObjectNode deleteAssociation(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        ObjectNode association = association(c, call.path()[3]);
        requireActive(c);
        ArrayNode associations = (ArrayNode) c.node().get("podIdentityAssociations");
        for (int i = 0; i < associations.size(); i++) {
            if (associations.get(i) == association) {
                associations.remove(i);
                break;
            }
        }
        return NODES.objectNode().set("association", renderAssociation(c, association));
    }

    private ObjectNode listAssociations(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        String namespace = call.query().get("namespace");
        String serviceAccount = call.query().get("serviceAccount");
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode a : c.node().path("podIdentityAssociations")) {
            if ((namespace == null || namespace.equals(a.path("namespace").asText()))
                    && (serviceAccount == null || serviceAccount.equals(a.path("serviceAccount").asText()))) {
                matching.add(a);
            }
        }
        Page<JsonNode> page = page(call, matching);
        ObjectNode out = NODES.objectNode();
        ArrayNode summaries = out.putArray("associations");
        for (JsonNode a : page.items()) {
            String id = a.path("associationId").asText();
            summaries.addObject().put("clusterName", c.name()).put("namespace", a.path("namespace").asText())
                    .put("serviceAccount", a.path("serviceAccount").asText())
                    .put("associationArn", associationArn(c, id)).put("associationId", id);
        }
        return withToken(out, page);
    }

    private static ObjectNode association(ClusterRef c, String associationId) {
        for (JsonNode a : c.node().path("podIdentityAssociations")) {
            if (associationId.equals(a.path("associationId").asText()) && a instanceof ObjectNode found) {
                return found;
            }
        }
        throw notFound("No Pod Identity Association found with id " + associationId + " in cluster " + c.name() + ".");
    }

    /**
     * The role must be an IAM role ARN of the cluster's own account that the world holds. The EKS User Guide says
     * the role must be in the same account; which error a missing or foreign role gives is not documented, this
     * emulator answers InvalidParameterException. IAM is eventually consistent (IAM User Guide, "Changes that I make
     * are not always immediately visible"): a role created less than {@code aws.iamPropagationMs} ago is not yet
     * visible to EKS and reads as missing.
     */
    private static String requireRole(ObjectNode root, ClusterRef c, String roleArn, Instant now) {
        RoleArn arn = RoleArn.parse(roleArn).orElseThrow(() -> invalidParameter("roleArn " + roleArn + " is not an IAM role ARN."));
        if (!arn.account().equals(c.account())) {
            throw invalidParameter("The role " + roleArn + " must be in the cluster's account " + c.account() + ".");
        }
        long propagationMs = root.path("aws").path("iamPropagationMs").asLong(0);
        boolean exists = AwsWorld.findRole(root, arn.account(), arn.name())
                .filter(role -> AwsWorld.rolePath(role.getValue()).equals(arn.path()))
                .filter(role -> !role.getValue().has("createDate")
                        || !now.isBefore(AwsWorld.instant(role.getValue(), "createDate").plusMillis(propagationMs)))
                .isPresent();
        if (!exists) {
            throw invalidParameter("The role " + roleArn + " does not exist.");
        }
        return roleArn;
    }

    /** Validates, then stores targetRoleArn (with its externalId), disableSessionTags and policy when the body has them. */
    private static void applyOptions(JsonNode body, ObjectNode association) {
        String target = body.hasNonNull("targetRoleArn") ? body.get("targetRoleArn").asText() : null;
        if (target != null && !target.isEmpty() && RoleArn.parse(target).isEmpty()) {
            throw invalidParameter("targetRoleArn " + target + " is not an IAM role ARN.");
        }
        JsonNode disable = body.get("disableSessionTags");
        if (disable != null && !disable.isNull() && !disable.isBoolean()) {
            throw invalidParameter("disableSessionTags must be a boolean.");
        }
        String policy = body.hasNonNull("policy") ? body.get("policy").asText() : null;
        if (policy != null) {
            try {
                World.JSON.readTree(policy);
            } catch (JsonProcessingException e) {
                throw invalidParameter("policy is not valid JSON.");
            }
            // The session policy is the Policy of the AssumeRole call Pod Identity makes (STS API Reference,
            // AssumeRole, Policy: length 1-2048), and the EKS model (eks-2017-11-01 service-2.json,
            // CreatePodIdentityAssociationRequest / UpdatePodIdentityAssociationRequest, member policy: "When using
            // this policy, disableSessionTags must be set to true") takes it only with session tags disabled.
            if (policy.isEmpty() || policy.length() > MAX_SESSION_POLICY) {
                throw invalidParameter("policy must be 1-" + MAX_SESSION_POLICY + " characters.");
            }
        }
        boolean disabledAfter = disable != null && !disable.isNull() ? disable.asBoolean()
                : association.path("disableSessionTags").asBoolean(false);
        boolean policyAfter = policy != null || association.hasNonNull("policy");
        if (policyAfter && !disabledAfter) {
            // also an update that turns session tags back on under a stored policy: the model's rule holds for
            // the association as it would be, not only for the request's own fields
            throw invalidParameter("policy can only be set when disableSessionTags is true.");
        }
        if (target != null && target.isEmpty()) {
            association.remove(List.of("targetRoleArn", "externalId"));
        } else if (target != null && !target.equals(association.path("targetRoleArn").asText(null))) {
            association.put("targetRoleArn", target).put("externalId", UUID.randomUUID().toString());
        }
        if (disable != null && !disable.isNull()) {
            association.put("disableSessionTags", disable.asBoolean());
        }
        if (policy != null) {
            association.put("policy", policy);
        }
    }

    private static final int MAX_SESSION_POLICY = 2048;

    private static ObjectNode renderAssociation(ClusterRef c, JsonNode a) {
        String id = a.path("associationId").asText();
        ObjectNode out = NODES.objectNode().put("clusterName", c.name()).put("namespace", a.path("namespace").asText())
                .put("serviceAccount", a.path("serviceAccount").asText()).put("roleArn", a.path("roleArn").asText())
                .put("associationArn", associationArn(c, id)).put("associationId", id);
        out.set("tags", a.path("tags").isObject() ? a.get("tags").deepCopy() : NODES.objectNode());
        out.put("createdAt", epochSeconds(AwsWorld.instant(a, "createdAt")))
                .put("modifiedAt", epochSeconds(AwsWorld.instant(a, "modifiedAt")))
                .put("disableSessionTags", a.path("disableSessionTags").asBoolean(false));
        for (String passed : List.of("targetRoleArn", "externalId", "policy", "ownerArn")) {
            if (a.hasNonNull(passed)) {
                out.put(passed, a.get(passed).asText());
            }
        }
        return out;
    }

    private static String associationArn(ClusterRef c, String id) {
        return c.arn("podidentityassociation", c.name() + "/" + id);
    }

    /** Association ids look like EKS's: {@code a-} and 17 lower-case letters and digits. */
    private static String newAssociationId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("a-");
        for (int i = 0; i < 17; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    // ---- access entries -------------------------------------------------------------------------------------
    // The shapes and routes are those of the EKS model (eks-2017-11-01 service-2.json: CreateAccessEntry,
    // DescribeAccessEntry, AssociateAccessPolicy, ListAssociatedAccessPolicies, ListAccessPolicies; the excerpt the
    // tests read is local-cloud/src/test/resources/reference/aws/eks/eks-2017-11-01.access-entries.json).

    /** An IAM role or user ARN: (account, role|user, path, name). STS sessions are refused by the model's text. */
    private static final Pattern PRINCIPAL =
            Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):(role|user)(/(?:[\\x21-\\x7E]+/)?)([\\w+=,.@-]{1,64})");
    /** The access policies ListAccessPolicies names (Amazon EKS User Guide, "Review access policy permissions"). */
    static final List<String> ACCESS_POLICIES = List.of("AmazonEKSAdminPolicy", "AmazonEKSAdminViewPolicy",
            "AmazonEKSClusterAdminPolicy", "AmazonEKSEditPolicy", "AmazonEKSViewPolicy", "AmazonEMRJobPolicy");
    private static final List<String> ENTRY_TYPES = List.of("STANDARD", "FARGATE_LINUX", "EC2_LINUX", "EC2_WINDOWS");
    private static final String ACCESS_POLICY_PREFIX = "arn:aws:eks::aws:cluster-access-policy/";

    /** accessConfig.authenticationMode; a cluster created through the API without one has CONFIG_MAP (the model). */
    private static String authenticationMode(ClusterRef c) {
        return c.node().path("accessConfig").path("authenticationMode").asText("CONFIG_MAP");
    }

    /**
     * EKS refuses every access-entry call on a cluster whose authentication mode is CONFIG_MAP with
     * InvalidRequestException (Amazon EKS User Guide, "Change authentication mode to use access entries": access
     * entries need API or API_AND_CONFIG_MAP).
     */
    private static void requireAccessEntries(ClusterRef c) {
        String mode = authenticationMode(c);
        if (!mode.equals("API") && !mode.equals("API_AND_CONFIG_MAP")) {
            throw new AwsError("InvalidRequestException", 400, "The cluster's authentication mode must be set to one"
                    + " of [API, API_AND_CONFIG_MAP] to perform this operation.");
        }
    }

    private static ObjectNode accessEntries(ClusterRef c) {
        return c.node().withObject("/accessEntries");
    }

    private static ObjectNode accessEntry(ClusterRef c, String principalArn) {
        if (accessEntries(c).get(principalArn) instanceof ObjectNode entry) {
            return entry;
        }
        throw notFound("The specified principalArn could not be found. You can view your available access entries"
                + " with 'list-access-entries'.");
    }

    /**
     * The principal must be an IAM role or user ARN (the model, CreateAccessEntryRequest.principalArn: "You can't use
     * the STS session principal type"); a role must exist, at that path (IAM, eventually consistent as for
     * associations). Which error a missing role gives is not documented: this emulator answers
     * InvalidParameterException.
     */
    private static String requirePrincipal(ObjectNode root, String principalArn, Instant now) {
        java.util.regex.Matcher m = PRINCIPAL.matcher(principalArn);
        if (!m.matches()) {
            throw invalidParameter("The specified principalArn is invalid: " + principalArn + " is not an IAM role or"
                    + " user ARN.");
        }
        if (m.group(2).equals("role")) {
            long propagationMs = root.path("aws").path("iamPropagationMs").asLong(0);
            boolean exists = AwsWorld.findRole(root, m.group(1), m.group(4))
                    .filter(role -> AwsWorld.rolePath(role.getValue()).equals(m.group(3)))
                    .filter(role -> !role.getValue().has("createDate")
                            || !now.isBefore(AwsWorld.instant(role.getValue(), "createDate").plusMillis(propagationMs)))
                    .isPresent();
            if (!exists) {
                throw invalidParameter("The specified principalArn is invalid: the role " + principalArn
                        + " does not exist.");
            }
        }
        return principalArn;
    }

    private ObjectNode createAccessEntry(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        requireActive(c);
        requireAccessEntries(c);
        String principalArn = requirePrincipal(root, required(call.body(), "principalArn"), call.now());
        String type = call.body().hasNonNull("type") ? call.body().get("type").asText() : "STANDARD";
        if (!ENTRY_TYPES.contains(type)) {
            throw invalidParameter("type must be one of " + ENTRY_TYPES + ".");
        }
        if (!type.equals("STANDARD") && (call.body().path("kubernetesGroups").size() > 0
                || call.body().hasNonNull("username") || !principalArn.contains(":role/"))) {
            // the model, CreateAccessEntryRequest.type: node types take a role, and no groups or username
            throw invalidParameter("An access entry of type " + type + " takes an IAM role and no kubernetesGroups"
                    + " or username.");
        }
        ObjectNode tags = tags(call.body());
        if (accessEntries(c).has(principalArn)) {
            throw new AwsError("ResourceInUseException", 409, "The specified access entry resource is already in use"
                    + " on this cluster.");
        }
        String now = call.now().toString();
        ObjectNode entry = NODES.objectNode().put("type", type).put("createdAt", now).put("modifiedAt", now);
        entry.set("tags", tags);
        entry.set("kubernetesGroups", call.body().path("kubernetesGroups").isArray()
                ? call.body().get("kubernetesGroups").deepCopy() : NODES.arrayNode());
        if (call.body().hasNonNull("username")) {
            entry.put("username", call.body().get("username").asText());
        }
        entry.putArray("accessPolicies");
        accessEntries(c).set(principalArn, entry);
        return NODES.objectNode().set("accessEntry", renderAccessEntry(c, principalArn, entry));
    }

    private ObjectNode describeAccessEntry(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        requireAccessEntries(c);
        String principalArn = principalOf(call.path());
        return NODES.objectNode().set("accessEntry", renderAccessEntry(c, principalArn, accessEntry(c, principalArn)));
    }

    /**
     * Associates the policy, or sets its scope when the entry holds it already (one association per policy). The
     * policy must be one ListAccessPolicies names; a namespace scope needs namespaces (the model, AccessScope: "A
     * value is required if you specified namespace"); a node entry takes no policies (CreateAccessEntryRequest.type).
     */
    private ObjectNode associateAccessPolicy(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        requireActive(c);
        requireAccessEntries(c);
        String principalArn = principalOf(call.path());
        ObjectNode entry = accessEntry(c, principalArn);
        String policyArn = required(call.body(), "policyArn");
        if (!policyArn.startsWith(ACCESS_POLICY_PREFIX)
                || !ACCESS_POLICIES.contains(policyArn.substring(ACCESS_POLICY_PREFIX.length()))) {
            throw invalidParameter("The specified policyArn is invalid: " + policyArn + " is not an access policy.");
        }
        JsonNode scope = call.body().get("accessScope");
        if (scope == null || !scope.isObject()) {
            throw invalidParameter("accessScope is required.");
        }
        String type = scope.path("type").asText("");
        JsonNode namespaces = scope.path("namespaces");
        if (!type.equals("cluster") && !type.equals("namespace")) {
            throw invalidParameter("accessScope.type must be cluster or namespace.");
        }
        if (!namespaces.isMissingNode() && !namespaces.isNull() && !namespaces.isArray()) {
            throw invalidParameter("accessScope.namespaces must be a list.");
        }
        if (type.equals("namespace") && namespaces.size() == 0) {
            throw invalidParameter("accessScope.namespaces is required when accessScope.type is namespace.");
        }
        if (type.equals("cluster") && namespaces.size() > 0) {
            throw invalidParameter("accessScope.namespaces must be empty when accessScope.type is cluster.");
        }
        for (JsonNode ns : namespaces) {
            if (!ns.isTextual() || !DNS_LABEL.matcher(ns.asText()).matches()) {
                throw invalidParameter("namespace " + ns.asText() + " is not a valid Kubernetes namespace name.");
            }
        }
        if (!entry.path("type").asText("STANDARD").equals("STANDARD")) {
            throw new AwsError("InvalidRequestException", 400, "Access policies can only be associated with access"
                    + " entries of type STANDARD.");
        }
        String now = call.now().toString();
        ArrayNode held = entry.withArray("/accessPolicies");
        ObjectNode association = null;
        for (JsonNode a : held) {
            if (policyArn.equals(a.path("policyArn").asText()) && a instanceof ObjectNode found) {
                association = found;
            }
        }
        if (association == null) {
            association = held.addObject().put("policyArn", policyArn).put("associatedAt", now);
        }
        ObjectNode storedScope = association.putObject("accessScope").put("type", type);
        storedScope.set("namespaces", namespaces.isArray() ? namespaces.deepCopy() : NODES.arrayNode());
        association.put("modifiedAt", now);
        ObjectNode out = NODES.objectNode().put("clusterName", c.name()).put("principalArn", principalArn);
        out.set("associatedAccessPolicy", renderAssociatedPolicy(association));
        return out;
    }

    private ObjectNode listAssociatedAccessPolicies(Call call, ObjectNode root) {
        ClusterRef c = cluster(call, root);
        requireAccessEntries(c);
        String principalArn = principalOf(call.path());
        List<JsonNode> held = new ArrayList<>();
        accessEntry(c, principalArn).path("accessPolicies").forEach(held::add);
        Page<JsonNode> page = page(call, held);
        ObjectNode out = NODES.objectNode().put("clusterName", c.name()).put("principalArn", principalArn);
        ArrayNode policies = out.putArray("associatedAccessPolicies");
        page.items().forEach(a -> policies.add(renderAssociatedPolicy(a)));
        return withToken(out, page);
    }

    private ObjectNode listAccessPolicies(Call call, ObjectNode root) {
        List<String> names = ACCESS_POLICIES;
        Page<String> page = page(call, names);
        ObjectNode out = NODES.objectNode();
        ArrayNode policies = out.putArray("accessPolicies");
        page.items().forEach(n -> policies.addObject().put("name", n).put("arn", ACCESS_POLICY_PREFIX + n));
        return withToken(out, page);
    }

    private static ObjectNode renderAccessEntry(ClusterRef c, String principalArn, JsonNode entry) {
        ObjectNode out = NODES.objectNode().put("clusterName", c.name()).put("principalArn", principalArn)
                .put("accessEntryArn", accessEntryArn("arn:aws:eks:" + c.region() + ":" + c.account() + ":", c.name(),
                        principalArn))
                .put("createdAt", epochSeconds(AwsWorld.instant(entry, "createdAt")))
                .put("modifiedAt", epochSeconds(AwsWorld.instant(entry, "modifiedAt")))
                .put("type", entry.path("type").asText("STANDARD"))
                .put("username", entry.path("username").asText(principalArn));
        out.set("kubernetesGroups", entry.path("kubernetesGroups").isArray()
                ? entry.get("kubernetesGroups").deepCopy() : NODES.arrayNode());
        out.set("tags", entry.path("tags").isObject() ? entry.get("tags").deepCopy() : NODES.objectNode());
        return out;
    }

    private static ObjectNode renderAssociatedPolicy(JsonNode a) {
        ObjectNode out = NODES.objectNode().put("policyArn", a.path("policyArn").asText());
        out.set("accessScope", a.path("accessScope").deepCopy());
        out.put("associatedAt", epochSeconds(AwsWorld.instant(a, "associatedAt")))
                .put("modifiedAt", epochSeconds(AwsWorld.instant(a, "modifiedAt")));
        return out;
    }
}
