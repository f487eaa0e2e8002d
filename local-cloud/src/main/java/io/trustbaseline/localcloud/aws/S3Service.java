package io.trustbaseline.localcloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.trustbaseline.localcloud.Access;
import io.trustbaseline.localcloud.CloudService;
import io.trustbaseline.localcloud.DeploymentFile;
import io.trustbaseline.localcloud.Permissions;
import io.trustbaseline.localcloud.Fault;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.LocalRequest;
import io.trustbaseline.localcloud.LocalResponse;
import io.trustbaseline.localcloud.Route;
import io.trustbaseline.localcloud.World;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Amazon S3 (REST-XML, API 2006-03-01), path-style, for the three operations the sweeps' results store makes:
 * PutObject, GetObject and ListObjectsV2, in the wire format of the S3 API reference. The buckets are named when the
 * service is made (a bucket the deployment creates); objects live in memory for the life of the local cloud and are
 * not part of the world file.
 *
 * <p><b>Rules enforced</b> (S3 API reference, "Error responses"): a bucket that does not exist: NoSuchBucket (404);
 * a key that does not exist: NoSuchKey (404); a key over 1,024 bytes: KeyTooLongError (400); ListObjectsV2 without
 * {@code list-type=2}, with {@code max-keys} outside 0-1000 or an unknown continuation token: InvalidArgument (400);
 * any other method or sub-resource: NotImplemented (501). A body sent {@code aws-chunked} (the SDK's streaming
 * signature with a checksum trailer) is decoded as S3 decodes it, and a {@code Content-MD5} that does not match the
 * body is BadDigest (400).
 *
 * <p><b>Permissions</b> are the functions' S3 statements of infra/aws/template.yaml (the sweep and queue functions'
 * grants on {@code SweepResultsBucket}), with the bucket's ARN standing for each bucket served: an object outside
 * them, or a listing outside their {@code s3:prefix}, is AccessDenied (403).
 */
public final class S3Service implements CloudService {
    private static final int MAX_KEYS = 1000;
    private static final int MAX_KEY_BYTES = 1024;

    private record StoredObject(byte[] body, String contentType, String etag, Instant lastModified) { }

    private final Map<String, NavigableMap<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final Permissions permissions = new TemplateGrants(templateStatements());

    private S3Service(Set<String> bucketNames) {
        bucketNames.forEach(b -> buckets.put(b, new ConcurrentSkipListMap<>()));
    }

    /** S3 with these buckets, empty. */
    public static S3Service withBuckets(String... names) {
        return new S3Service(Set.of(names));
    }

    @Override
    public Optional<Route> route(LocalRequest request) {
        if (!"s3".equals(LocalCloud.awsService(request))) {
            return Optional.empty();
        }
        String path = request.path().replaceAll("^/+", "");
        int slash = path.indexOf('/');
        boolean objectPath = slash > 0 && slash < path.length() - 1;
        return switch (request.method()) {
            case "PUT" -> objectPath ? Optional.of(new Route("s3:PutObject", true, object("s3:PutObject"), this::putObject))
                    : notImplemented();
            case "GET" -> objectPath ? Optional.of(new Route("s3:GetObject", false, object("s3:GetObject"), this::getObject))
                    : Optional.of(new Route("s3:ListObjectsV2", false, (r, root) -> List.of(Access.of("s3:ListBucket",
                            "arn:aws:s3:::" + r.path().replaceAll("^/+|/+$", ""))
                            .with("s3:prefix", List.of(r.query().getOrDefault("prefix", "")))), this::listObjects));
            default -> notImplemented();
        };
    }

    /** The object's ARN: what PutObject and GetObject are authorised on. */
    private static Route.Authorization object(String action) {
        return (request, root) -> List.of(Access.of(action, "arn:aws:s3:::" + request.path().replaceAll("^/+", "")));
    }

    @Override
    public Permissions permissions() { return permissions; }

    @Override
    public LocalResponse denied(Access denied, LocalRequest request, World world) {
        return error("AccessDenied", 403, "User is not authorized to perform: " + denied.action() + " on resource: "
                + denied.resource() + " because no identity-based policy allows the " + denied.action() + " action");
    }

    private static Optional<Route> notImplemented() {
        return Optional.of(new Route("s3:NotImplemented", false, Route.Authorization.none(), (r, w) ->
                error("NotImplemented", 501, "A header you provided implies functionality that is not implemented.")));
    }

    @Override
    public LocalResponse fault(Fault fault, LocalRequest request) {
        LocalResponse response = switch (fault.error()) {
            case "SlowDown", "ThrottlingException", "Throttling" -> error("SlowDown", 503, "Please reduce your request rate.");
            case "AccessDenied", "AccessDeniedException" -> error("AccessDenied", 403, "Access Denied");
            default -> error("InternalError", fault.status() == null ? 500 : fault.status(),
                    "We encountered an internal error. Please try again.");
        };
        return fault.retryAfterSeconds() == null ? response
                : response.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
    }

    private LocalResponse putObject(LocalRequest request, World world) {
        String[] bk = bucketAndKey(request);
        NavigableMap<String, StoredObject> bucket = buckets.get(bk[0]);
        if (bucket == null) {
            return noSuchBucket(bk[0]);
        }
        if (bk[1].getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            return error("KeyTooLongError", 400, "Your key is too long");
        }
        byte[] body = isAwsChunked(request) ? decodeAwsChunked(request.body()) : request.body();
        byte[] md5 = md5(body);
        String contentMd5 = request.header("content-md5");
        if (contentMd5 != null && !contentMd5.equals(Base64.getEncoder().encodeToString(md5))) {
            return error("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
        }
        String etag = "\"" + HexFormat.of().formatHex(md5) + "\"";
        String type = request.header("content-type");
        bucket.put(bk[1], new StoredObject(body, type == null ? "binary/octet-stream" : type, etag,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        return LocalResponse.empty(200).withHeader("ETag", etag);
    }

    private LocalResponse getObject(LocalRequest request, World world) {
        String[] bk = bucketAndKey(request);
        NavigableMap<String, StoredObject> bucket = buckets.get(bk[0]);
        if (bucket == null) {
            return noSuchBucket(bk[0]);
        }
        StoredObject object = bucket.get(bk[1]);
        if (object == null) {
            return error("NoSuchKey", 404, "The specified key does not exist.");
        }
        return new LocalResponse(200, new java.util.LinkedHashMap<>(Map.of("Content-Type", object.contentType())), object.body())
                .withHeader("ETag", object.etag())
                .withHeader("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                        .format(object.lastModified().atZone(java.time.ZoneOffset.UTC)));
    }

    private LocalResponse listObjects(LocalRequest request, World world) {
        String name = request.path().replaceAll("^/+|/+$", "");
        NavigableMap<String, StoredObject> bucket = buckets.get(name);
        if (bucket == null) {
            return noSuchBucket(name);
        }
        Map<String, String> q = request.query();
        if (!"2".equals(q.get("list-type"))) {
            return error("InvalidArgument", 400, "Only ListObjectsV2 (list-type=2) is served here.");
        }
        int maxKeys;
        try {
            maxKeys = Integer.parseInt(q.getOrDefault("max-keys", String.valueOf(MAX_KEYS)));
        } catch (NumberFormatException e) {
            maxKeys = -1;
        }
        if (maxKeys < 0 || maxKeys > MAX_KEYS) {
            return error("InvalidArgument", 400, "Argument maxKeys must be an integer between 0 and 1000");
        }
        String prefix = q.getOrDefault("prefix", "");
        String after = prefix;
        String token = q.get("continuation-token");
        if (token != null) {
            try {
                after = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return error("InvalidArgument", 400, "The continuation token provided is incorrect");
            }
            if (!after.startsWith(prefix)) {
                return error("InvalidArgument", 400, "The continuation token provided is incorrect");
            }
        }
        List<Map.Entry<String, StoredObject>> matching = (token == null ? bucket.tailMap(after, true) : bucket.tailMap(after, false))
                .entrySet().stream().takeWhile(e -> e.getKey().startsWith(prefix)).limit(maxKeys + 1L).toList();
        boolean truncated = matching.size() > maxKeys;
        List<Map.Entry<String, StoredObject>> page = truncated ? matching.subList(0, maxKeys) : matching;
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(escape(name)).append("</Name>")
                .append("<Prefix>").append(escape(prefix)).append("</Prefix>")
                .append("<KeyCount>").append(page.size()).append("</KeyCount>")
                .append("<MaxKeys>").append(maxKeys).append("</MaxKeys>")
                .append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (token != null) {
            xml.append("<ContinuationToken>").append(escape(token)).append("</ContinuationToken>");
        }
        for (Map.Entry<String, StoredObject> e : page) {
            xml.append("<Contents><Key>").append(escape(e.getKey())).append("</Key>")
                    .append("<LastModified>").append(e.getValue().lastModified()).append("</LastModified>")
                    .append("<ETag>").append(escape(e.getValue().etag())).append("</ETag>")
                    .append("<Size>").append(e.getValue().body().length).append("</Size>")
                    .append("<StorageClass>STANDARD</StorageClass></Contents>");
        }
        if (truncated) {
            String next = Base64.getEncoder().encodeToString(page.get(page.size() - 1).getKey().getBytes(StandardCharsets.UTF_8));
            xml.append("<NextContinuationToken>").append(next).append("</NextContinuationToken>");
        }
        xml.append("</ListBucketResult>");
        return LocalResponse.of(200, "application/xml", xml.toString());
    }

    private static String[] bucketAndKey(LocalRequest request) {
        String path = request.path().replaceAll("^/+", "");
        int slash = path.indexOf('/');
        return new String[] {path.substring(0, slash), path.substring(slash + 1)};
    }

    private static boolean isAwsChunked(LocalRequest request) {
        String encoding = request.header("content-encoding");
        String sha = request.header("x-amz-content-sha256");
        return (encoding != null && encoding.contains("aws-chunked")) || (sha != null && sha.startsWith("STREAMING-"));
    }

    /** {@code <hex size>[;chunk-signature=…]\r\n<bytes>\r\n} … until a chunk of size 0, then the trailer. */
    static byte[] decodeAwsChunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int eol = indexOfCrlf(body, at);
            String header = new String(body, at, eol - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("aws-chunked body: a chunk header without CRLF at byte " + from);
    }

    private static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalResponse noSuchBucket(String bucket) {
        return error("NoSuchBucket", 404, "The specified bucket does not exist");
    }

    private static LocalResponse error(String code, int status, String message) {
        return LocalResponse.of(status, "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>" + escape(message) + "</Message><RequestId>local-cloud</RequestId></Error>");
    }

    /** Every statement of the template's functions' policies that grants an S3 action. */
    private static List<JsonNode> templateStatements() {
        List<JsonNode> out = new ArrayList<>();
        DeploymentFile.yaml("aws/template.yaml").path("Resources").forEach(resource ->
                resource.path("Properties").path("Policies").forEach(policy -> policy.path("Statement").forEach(statement -> {
                    boolean s3 = false;
                    for (JsonNode action : statement.path("Action").isArray() ? statement.path("Action")
                            : List.of(statement.path("Action"))) {
                        s3 |= action.asText().startsWith("s3:");
                    }
                    if (s3) {
                        out.add(statement);
                    }
                })));
        return out;
    }

    /**
     * The template's S3 statements, evaluated as IAM evaluates Allow statements: the action matches, the resource
     * matches ({@code ${SweepResultsBucket.Arn}} and {@code SweepResultsBucket.Arn} stand for any bucket ARN), and
     * each {@code StringLike} condition holds; anything else is the implicit deny.
     */
    private record TemplateGrants(List<JsonNode> statements) implements Permissions {
        private static final String BUCKET_ARN = "arn:aws:s3:::[a-z0-9.-]+";

        @Override
        public boolean allows(Access access) {
            return statements.stream().anyMatch(s -> matches(s, access));
        }

        private static boolean matches(JsonNode statement, Access access) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                return false;
            }
            boolean action = values(statement.path("Action")).contains(access.action());
            boolean resource = values(statement.path("Resource")).stream().anyMatch(r -> access.resource().matches(
                    glob(r.replace("${SweepResultsBucket.Arn}", "\u0000").replace("SweepResultsBucket.Arn", "\u0000"))));
            boolean conditions = true;
            for (Map.Entry<String, JsonNode> key : statement.path("Condition").path("StringLike").properties()) {
                List<String> actual = access.context().getOrDefault(key.getKey(), List.of());
                conditions &= !actual.isEmpty() && actual.stream().allMatch(v -> values(key.getValue()).stream()
                        .anyMatch(p -> v.matches(glob(p))));
            }
            return action && resource && conditions;
        }

        /** An IAM pattern as a regex: {@code *} any run, {@code ?} one character, NUL the bucket ARN. */
        private static String glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(switch (c) {
                    case '*' -> ".*";
                    case '?' -> ".";
                    case '\u0000' -> BUCKET_ARN;
                    default -> java.util.regex.Pattern.quote(String.valueOf(c));
                });
            }
            return regex.toString();
        }

        private static List<String> values(JsonNode node) {
            List<String> out = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(v -> out.add(v.asText()));
            } else if (!node.isMissingNode()) {
                out.add(node.asText());
            }
            return out;
        }

        @Override
        public List<String> actions() {
            return statements.stream().flatMap(s -> values(s.path("Action")).stream()).distinct().toList();
        }

        @Override
        public Permissions without(String action) {
            return new TemplateGrants(statements.stream().filter(s -> !values(s.path("Action")).contains(action)).toList());
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
