package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.LocalRequest;
import io.trustbaseline.localcloud.World;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS IAM (query protocol, API 2010-05-08): CreateRole, GetRole, UpdateAssumeRolePolicy, AttachRolePolicy,
 * ListAttachedRolePolicies, PutRolePermissionsBoundary and TagRole, on {@code aws.accounts.<id>.iam.roles}.
 * IAM is global: the account is the caller's, by the access-key convention of {@link AwsWorld}.
 *
 * <p>As real IAM does, trust policies come back URL-encoded JSON ({@code GetRole}, {@code CreateRole}); role names
 * are unique regardless of case; attaching an attached policy is a no-op. Name, path and length rules of the model
 * give {@code ValidationError}; unknown roles {@code NoSuchEntity} (404); an existing name
 * {@code EntityAlreadyExists} (409); a policy document that is not a JSON object with a Statement
 * {@code MalformedPolicyDocument}. AWS managed policies ({@code arn:aws:iam::aws:policy/...}) exist when
 * {@link AwsCatalogue} lists them; customer managed ones when their ARN is listed in {@code aws.accounts.<id>.iam.policies}.
 */
public final class IamService extends QueryService {
    static final String XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]+");
    private static final Pattern PATH = Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    private static final Pattern PATH_PREFIX = Pattern.compile("((/[A-Za-z0-9\\.,\\+@=_-]+)*)/");
    private static final Pattern POLICY_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::(aws|\\d{12}):policy(/(?:[\\x21-\\x7E]+/)?)([\\w+=,.@-]{1,128})");
    private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final int MAX_TAGS = 50;
    private static final int MAX_ATTACHED_POLICIES = 10;

    public IamService(IamPolicy policy) {
        super(new QueryProtocol("iam", XMLNS, "ServiceFailure",
                Map.of("GetRole", IamService::getRole, "ListAttachedRolePolicies", IamService::listAttachedRolePolicies),
                Map.of("CreateRole", IamService::createRole, "UpdateAssumeRolePolicy", IamService::updateAssumeRolePolicy,
                        "AttachRolePolicy", IamService::attachRolePolicy, "PutRolePermissionsBoundary", IamService::putRolePermissionsBoundary,
                        "TagRole", IamService::tagRole),
                IamService::access), policy);
    }

    /**
     * Every action here acts on one role: IAM authorises it on the role's ARN (with the path the role has, or the Path
     * CreateRole asks for). CreateRole with tags also needs iam:TagRole for those keys; AttachRolePolicy carries the
     * policy in {@code iam:PolicyARN} (IAM User Guide, "IAM condition context keys").
     */
    private static List<Access> access(String action, Map<String, String> params, LocalRequest request, ObjectNode root) {
        String account = AwsAccess.account(request);
        String name = params.getOrDefault("RoleName", "");
        String path = AwsWorld.findRole(root, account, name).map(r -> AwsWorld.rolePath(r.getValue()))
                .orElse(params.getOrDefault("Path", "/"));
        String arn = "arn:aws:iam::" + account + ":role" + path + name;
        List<Access> out = new ArrayList<>();
        Access access = AwsAccess.of(request, action, arn);
        if (action.equals("iam:AttachRolePolicy")) {
            access = access.with("iam:PolicyARN", List.of(params.getOrDefault("PolicyArn", "")));
        }
        out.add(access);
        Map<String, String> tags = QueryProtocol.pairs(params, "Tags", "Key", "Value");
        if (action.equals("iam:CreateRole") && !tags.isEmpty()) {
            out.add(AwsAccess.of(request, "iam:TagRole", arn).with("aws:TagKeys", List.copyOf(tags.keySet())));
        }
        return out;
    }

    private static String createRole(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        String name = roleName(params);
        String path = QueryProtocol.valid(params, "Path", false, 1, 512, PATH);
        JsonNode trust = policyDocument(params, "AssumeRolePolicyDocument");
        String description = QueryProtocol.valid(params, "Description", false, 0, 1000, null);
        Integer maxSession = params.containsKey("MaxSessionDuration")
                ? QueryProtocol.validInt(params, "MaxSessionDuration", 3600, 3600, 43200) : null;
        String boundary = params.get("PermissionsBoundary");
        Map<String, String> tags = tags(params);
        String account = AwsWorld.callerAccount(root, accessKeyId);
        if (boundary != null) {
            requireBoundary(root, account, boundary);
        }
        if (AwsWorld.findRole(root, account, name).isPresent()) {
            throw new AwsError("EntityAlreadyExists", 409, "Role with name " + name + " already exists.");
        }
        ObjectNode role = AwsWorld.iam(root, account).withObject("/roles").putObject(name)
                .put("path", path == null ? "/" : path);
        role.set("assumeRolePolicyDocument", trust);
        role.putArray("attachedPolicyArns");
        role.put("permissionsBoundaryArn", boundary);
        ObjectNode tagNode = role.putObject("tags");
        tags.forEach(tagNode::put);
        if (description != null) {
            role.put("description", description);
        }
        if (maxSession != null) {
            role.put("maxSessionDuration", maxSession);
        }
        role.put("createDate", now.toString());
        return renderRole(account, name, role);
    }

    private static String getRole(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        String account = AwsWorld.callerAccount(root, accessKeyId);
        Map.Entry<String, ObjectNode> role = role(root, account, roleName(params));
        return renderRole(account, role.getKey(), role.getValue());
    }

    private static String updateAssumeRolePolicy(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        String name = roleName(params);
        JsonNode trust = policyDocument(params, "PolicyDocument");
        role(root, AwsWorld.callerAccount(root, accessKeyId), name).getValue().set("assumeRolePolicyDocument", trust);
        return null;
    }

    private static String attachRolePolicy(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        String name = roleName(params);
        String policyArn = QueryProtocol.valid(params, "PolicyArn", true, 20, 2048, null);
        String account = AwsWorld.callerAccount(root, accessKeyId);
        ObjectNode role = role(root, account, name).getValue();
        if (!policyExists(root, account, policyArn)) {
            throw new AwsError("NoSuchEntity", 404, "Policy " + policyArn + " does not exist or is not attachable.");
        }
        ArrayNode attached = role.withArray("/attachedPolicyArns");
        for (JsonNode a : attached) {
            if (a.asText().equals(policyArn)) {
                return null;
            }
        }
        if (attached.size() >= MAX_ATTACHED_POLICIES) {
            throw new AwsError("LimitExceeded", 409, "Cannot exceed quota for PoliciesPerRole: " + MAX_ATTACHED_POLICIES);
        }
        attached.add(policyArn);
        return null;
    }

    private static String listAttachedRolePolicies(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        String name = roleName(params);
        String prefix = QueryProtocol.valid(params, "PathPrefix", false, 1, 512, PATH_PREFIX);
        int maxItems = QueryProtocol.validInt(params, "MaxItems", 100, 1, 1000);
        ObjectNode role = role(root, AwsWorld.callerAccount(root, accessKeyId), name).getValue();
        List<String> arns = new ArrayList<>();
        for (JsonNode a : role.path("attachedPolicyArns")) {
            Matcher m = POLICY_ARN.matcher(a.asText());
            if (prefix == null || m.matches() && m.group(2).startsWith(prefix)) {
                arns.add(a.asText());
            }
        }
        Page<String> page;
        try {
            page = Page.of(arns, params.get("Marker"), maxItems);
        } catch (IllegalArgumentException e) {
            throw new AwsError("InvalidInput", 400, "Invalid Marker.");
        }
        StringBuilder xml = new StringBuilder("<AttachedPolicies>");
        for (String arn : page.items()) {
            xml.append("<member>").append(QueryProtocol.element("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)))
                    .append(QueryProtocol.element("PolicyArn", arn)).append("</member>");
        }
        xml.append("</AttachedPolicies>").append(QueryProtocol.element("IsTruncated", String.valueOf(page.next() != null)));
        return xml.append(QueryProtocol.element("Marker", page.next())).toString();
    }

    private static String putRolePermissionsBoundary(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        String name = roleName(params);
        String boundary = QueryProtocol.valid(params, "PermissionsBoundary", true, 20, 2048, null);
        String account = AwsWorld.callerAccount(root, accessKeyId);
        ObjectNode role = role(root, account, name).getValue();
        requireBoundary(root, account, boundary);
        role.put("permissionsBoundaryArn", boundary);
        return null;
    }

    /** Adds the tags, replacing the values of keys the role has. */
    private static String tagRole(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        String name = roleName(params);
        Map<String, String> tags = tags(params);
        ObjectNode role = role(root, AwsWorld.callerAccount(root, accessKeyId), name).getValue();
        ObjectNode current = role.withObject("/tags");
        long added = tags.keySet().stream().filter(k -> !current.has(k)).count();
        if (current.size() + added > MAX_TAGS) {
            throw new AwsError("LimitExceeded", 409, "The number of tags has reached the maximum limit.");
        }
        tags.forEach(current::put);
        return null;
    }

    // ---- rules and rendering --------------------------------------------------------------------------------

    private static String roleName(Map<String, String> params) {
        return QueryProtocol.valid(params, "RoleName", true, 1, 64, ROLE_NAME);
    }

    private static Map.Entry<String, ObjectNode> role(ObjectNode root, String account, String name) {
        return AwsWorld.findRole(root, account, name)
                .orElseThrow(() -> new AwsError("NoSuchEntity", 404, "The role with name " + name + " cannot be found."));
    }

    /** A policy document must be a JSON object with a Statement; the world keeps it as JSON. */
    private static JsonNode policyDocument(Map<String, String> params, String name) {
        String text = QueryProtocol.valid(params, name, true, 1, 131072, null);
        JsonNode document;
        try {
            document = World.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AwsError("MalformedPolicyDocument", 400, "This policy contains invalid Json");
        }
        if (document == null || !document.isObject()) {
            throw new AwsError("MalformedPolicyDocument", 400, "This policy contains invalid Json");
        }
        if (!document.has("Statement")) {
            throw new AwsError("MalformedPolicyDocument", 400, "Syntax errors in policy.");
        }
        return document;
    }

    private static Map<String, String> tags(Map<String, String> params) {
        Map<String, String> tags = QueryProtocol.pairs(params, "Tags", "Key", "Value");
        if (tags.size() > MAX_TAGS) {
            throw new AwsError("LimitExceeded", 409, "The number of tags has reached the maximum limit.");
        }
        tags.forEach((key, value) -> {
            QueryProtocol.valid(Map.of("Key", key), "Key", true, 1, 128, TAG_KEY);
            QueryProtocol.valid(Map.of("Value", value), "Value", true, 0, 256, TAG_VALUE);
        });
        return tags;
    }

    private static void requireBoundary(ObjectNode root, String account, String arn) {
        if (!policyExists(root, account, arn)) {
            throw new AwsError("InvalidInput", 400, "Scope ARN: " + arn + " does not exist or is not attachable.");
        }
    }

    /**
     * AWS managed policies exist when the catalogue lists them (the aws partition's: an aws-cn or aws-us-gov ARN does
     * not exist here); customer managed ones of the caller's account when the world lists them.
     */
    private static boolean policyExists(ObjectNode root, String account, String arn) {
        Matcher m = POLICY_ARN.matcher(arn);
        if (!m.matches()) {
            throw new AwsError("InvalidInput", 400, "ARN " + arn + " is not valid.");
        }
        if (m.group(1).equals("aws")) {
            return AwsCatalogue.managedPolicyExists(root, arn);
        }
        if (!m.group(1).equals(account)) {
            return false;
        }
        for (JsonNode listed : AwsWorld.accounts(root).path(account).path("iam").path("policies")) {
            if (listed.asText().equals(arn)) {
                return true;
            }
        }
        return false;
    }

    static String roleArn(String account, String name, JsonNode role) {
        return new RoleArn(account, AwsWorld.rolePath(role), name).toString();
    }

    /** The Role shape; its AssumeRolePolicyDocument URL-encoded as IAM sends it (spaces as %20). */
    private static String renderRole(String account, String name, JsonNode role) {
        String arn = roleArn(account, name, role);
        StringBuilder xml = new StringBuilder("<Role>")
                .append(QueryProtocol.element("Path", AwsWorld.rolePath(role)))
                .append(QueryProtocol.element("RoleName", name))
                .append(QueryProtocol.element("RoleId", AwsWorld.roleId(role, arn)))
                .append(QueryProtocol.element("Arn", arn))
                .append(QueryProtocol.element("CreateDate", AwsWorld.instant(role, "createDate").toString()));
        if (role.hasNonNull("assumeRolePolicyDocument")) {
            String json = role.get("assumeRolePolicyDocument").toString();
            xml.append(QueryProtocol.element("AssumeRolePolicyDocument",
                    URLEncoder.encode(json, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        xml.append(QueryProtocol.element("Description", role.path("description").asText(null)))
                .append(QueryProtocol.element("MaxSessionDuration", String.valueOf(role.path("maxSessionDuration").asInt(3600))));
        if (role.hasNonNull("permissionsBoundaryArn")) {
            xml.append("<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType>")
                    .append(QueryProtocol.element("PermissionsBoundaryArn", role.get("permissionsBoundaryArn").asText()))
                    .append("</PermissionsBoundary>");
        }
        if (role.path("tags").size() > 0) {
            xml.append("<Tags>");
            role.get("tags").properties().forEach(t -> xml.append("<member>").append(QueryProtocol.element("Key", t.getKey()))
                    .append(QueryProtocol.element("Value", t.getValue().asText())).append("</member>"));
            xml.append("</Tags>");
        }
        return xml.append("<RoleLastUsed/></Role>").toString();
    }
}
