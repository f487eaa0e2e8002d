package io.trustbaseline.core.port;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CloudExceptionTest {

    @Test
    void aReadOfWhatDoesNotExistIsEmptyAndAnyOtherFailurePassesThrough() {
        assertEquals(Optional.of("found"), CloudException.emptyIfNotFound(() -> "found"));
        assertEquals(Optional.empty(), CloudException.emptyIfNotFound(() -> {
            throw CloudException.of(CloudException.Kind.NOT_FOUND, "ResourceNotFound", "gone", null);
        }));
        CloudException denied = CloudException.accessDenied("AuthorizationFailed", "no", "Microsoft.X/read", null);
        assertSame(denied, assertThrows(CloudException.class, () -> CloudException.emptyIfNotFound(() -> {
            throw denied;
        })));
    }
}
