package io.trustbaseline.core.port;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryAfterTest {

    @Test
    void delaySecondsAreTheWait() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 "));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0"));
    }

    @Test
    void anHttpDateIsTheWaitUntilThenAndAPastDateWaitsNothing() {
        String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        Duration wait = RetryAfter.parse(later).orElseThrow();
        assertTrue(wait.compareTo(Duration.ofMinutes(58)) > 0 && wait.compareTo(Duration.ofHours(1)) <= 0, wait::toString);
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    @Test
    void absentOrUnreadableAsksNoWait() {
        assertEquals(Optional.empty(), RetryAfter.parse(null));
        assertEquals(Optional.empty(), RetryAfter.parse(" "));
        assertEquals(Optional.empty(), RetryAfter.parse("soon"));
        assertEquals(Optional.empty(), RetryAfter.parse("-5"));
    }
}
