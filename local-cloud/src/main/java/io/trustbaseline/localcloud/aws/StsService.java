package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.LocalRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS STS (query protocol, API 2011-06-15): AssumeRole and GetCallerIdentity.
 *
 * <p>AssumeRole needs the role to exist in the world (AccessDenied otherwise, as a role nobody may assume gives) and
 * hands out credentials whose <b>access key id is the role's account id</b>, so that calls made with them act in that
 * account (see {@link AwsWorld}). The session token carries the assumed role and session name, which is how
 * GetCallerIdentity can answer with the assumed-role ARN without keeping sessions.
 */
public final class StsService extends QueryService {
    static final String XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final String TOKEN_PREFIX = "local-cloud-session:";

    public StsService(IamPolicy policy) {
        super(new QueryProtocol("sts", XMLNS, "InternalFailure",
                Map.of("GetCallerIdentity", StsService::getCallerIdentity), Map.of("AssumeRole", StsService::assumeRole),
                StsService::access), policy);
    }

    /** AssumeRole is authorised on the role it names; GetCallerIdentity needs no permission (STS API Reference). */
    private static List<Access> access(String action, Map<String, String> params, LocalRequest request, ObjectNode root) {
        return action.equals("sts:AssumeRole")
                ? List.of(AwsAccess.of(request, action, params.getOrDefault("RoleArn", "")))
                : List.of();
    }

    private static String assumeRole(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        String roleArn = QueryProtocol.valid(params, "RoleArn", true, 20, 2048, null);
        String session = QueryProtocol.valid(params, "RoleSessionName", true, 2, 64, SESSION_NAME);
        int duration = QueryProtocol.validInt(params, "DurationSeconds", 3600, 900, 43200);
        AwsError denied = new AwsError("AccessDenied", 403, "User: " + caller(root, accessKeyId, request).arn()
                + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
        RoleArn arn = RoleArn.parse(roleArn).orElseThrow(() -> denied);
        var role = AwsWorld.findRole(root, arn.account(), arn.name())
                .filter(r -> AwsWorld.rolePath(r.getValue()).equals(arn.path())).orElseThrow(() -> denied);
        Session issued = new Session(arn.account(), AwsWorld.roleId(role.getValue(), arn.toString()) + ":" + session,
                "arn:aws:sts::" + arn.account() + ":assumed-role/" + role.getKey() + "/" + session);
        Instant expiration = now.plusSeconds(duration);
        return "<Credentials>" + QueryProtocol.element("AccessKeyId", arn.account())
                + QueryProtocol.element("SecretAccessKey", "local-cloud-secret")
                + QueryProtocol.element("SessionToken", issued.token())
                + QueryProtocol.element("Expiration", expiration.toString()) + "</Credentials>"
                + "<AssumedRoleUser>" + QueryProtocol.element("AssumedRoleId", issued.userId())
                + QueryProtocol.element("Arn", issued.arn()) + "</AssumedRoleUser>";
    }

    private static String getCallerIdentity(Map<String, String> params, String accessKeyId, LocalRequest request, ObjectNode root, Instant now) {
        Session caller = caller(root, accessKeyId, request);
        return QueryProtocol.element("UserId", caller.userId()) + QueryProtocol.element("Account", caller.account())
                + QueryProtocol.element("Arn", caller.arn());
    }

    /** The caller: the assumed role of a session token this service issued, or else the account's local user. */
    static Session caller(ObjectNode root, String accessKeyId, LocalRequest request) {
        return Session.of(request).orElseGet(() -> {
            String account = AwsWorld.callerAccount(root, accessKeyId);
            return new Session(account, "AIDA" + AwsWorld.stableId(account), "arn:aws:iam::" + account + ":user/local-cloud");
        });
    }

    /** An assumed-role session; its session token carries it, so no session state is kept. */
    record Session(String account, String userId, String arn) {
        String token() {
            return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(String.join("\n", account, userId, arn).getBytes(StandardCharsets.UTF_8));
        }

        static Optional<Session> of(LocalRequest request) {
            String token = request.header("x-amz-security-token");
            if (token == null || !token.startsWith(TOKEN_PREFIX)) {
                return Optional.empty();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())),
                    StandardCharsets.UTF_8).split("\n", 3);
            return parts.length == 3 ? Optional.of(new Session(parts[0], parts[1], parts[2])) : Optional.empty();
        }
    }
}
