package io.trustbaseline.core.report;

import io.trustbaseline.core.port.CloudException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactionTest {

    @Test
    void aSasSignatureIsRemovedAndTheRestOfTheUrlKept() {
        String scrubbed = Redaction.scrub("GET https://st1.blob.core.windows.net/c/b?sv=2022-11-02&sig=AbC%2Bdef%3D&se=2026");

        assertEquals("GET https://st1.blob.core.windows.net/c/b?sv=2022-11-02&sig=[REDACTED]&se=2026", scrubbed);
    }

    @Test
    void aBearerTokenIsRemoved() {
        String scrubbed = Redaction.scrub("Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl failed");

        assertEquals("Authorization: Bearer [REDACTED] failed", scrubbed);
    }

    @Test
    void anAwsSignatureIsRemoved() {
        String scrubbed = Redaction.scrub("https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA/2026&X-Amz-Signature=0a1b2c3d&x=1");

        assertFalse(scrubbed.contains("0a1b2c3d"), scrubbed);
        assertFalse(scrubbed.contains("AKIA"), scrubbed);
        assertTrue(scrubbed.endsWith("X-Amz-Signature=[REDACTED]&x=1"), scrubbed);
    }

    @Test
    void aConnectionStringKeyIsRemoved() {
        String scrubbed = Redaction.scrub("DefaultEndpointsProtocol=https;AccountName=st1;AccountKey=k3y+/abc==;EndpointSuffix=core.windows.net");

        assertEquals("DefaultEndpointsProtocol=https;AccountName=st1;AccountKey=[REDACTED];EndpointSuffix=core.windows.net", scrubbed);
    }

    @Test
    void textWithoutSecretsIsUnchanged() {
        String text = "The resource 'aks-prod' under resource group 'rg-ml' was not found.";
        assertEquals(text, Redaction.scrub(text));
    }

    @Test
    void cloudErrorsInReportsAreScrubbed() {
        ItemError error = ItemError.of(CloudException.of(CloudException.Kind.REJECTED, "BadRequest",
                "PUT ...?sig=secret123 with Bearer abc.def", null));

        assertFalse(error.message().contains("secret123"), error.message());
        assertFalse(error.message().contains("abc.def"), error.message());
    }
}
