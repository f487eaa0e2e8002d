package io.trustbaseline.aws;

import io.trustbaseline.core.port.CloudException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token in what AWS answers (an error body's message, whatever the status) or in a client failure's message never
 * reaches the CloudException a report quotes: it is redacted when the failure is translated.
 */
class AwsErrorsRedactionTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SESSION = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD";

    private static AwsServiceException answered(int status, String code, String message) {
        return (AwsServiceException) AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 403, 404, 409, 500, 503})
    void aSecretInTheErrorBodysMessageIsRedacted(int status) {
        CloudException e = AwsErrors.translate("iam:GetRole", answered(status, "SomeError", "request signed with"
                + " aws_secret_access_key=" + SECRET + " and X-Amz-Security-Token=" + SESSION + " was refused"));

        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains(SESSION), e.getMessage());
        assertTrue(e.getMessage().contains("[REDACTED]"), e.getMessage());
        assertTrue(e.getMessage().startsWith("iam:GetRole failed: SomeError"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
            "AKIAIOSFODNN7EXAMPLE", "secretAccessKey=" + SECRET})
    void aSecretInAClientFailuresMessageIsRedacted(String secret) {
        CloudException e = AwsErrors.translate("eks:DescribeCluster",
                SdkClientException.create("unable to sign the request: " + secret));

        assertEquals(CloudException.Kind.REJECTED, e.kind());
        assertFalse(e.getMessage().contains(secret.substring(secret.length() - 16)), e.getMessage());
    }
}
