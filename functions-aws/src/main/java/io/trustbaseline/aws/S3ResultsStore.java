package io.trustbaseline.aws;

import io.trustbaseline.core.sweep.ResultsStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The sweeps' results in an S3 bucket: PutObject, GetObject and ListObjectsV2 (every page). */
public final class S3ResultsStore implements ResultsStore {
    private final S3Client s3;
    private final String bucket;

    public S3ResultsStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, String content) {
        String type = key.endsWith(".jsonl") ? "application/x-ndjson" : "application/json";
        AwsErrors.call("s3:PutObject", () -> s3.putObject(r -> r.bucket(bucket).key(key).contentType(type),
                RequestBody.fromString(content, StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<String> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> keys(String prefix) {
        return AwsErrors.call("s3:ListObjectsV2", () -> s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))
                .contents().stream().map(S3Object::key).toList());
    }
}
