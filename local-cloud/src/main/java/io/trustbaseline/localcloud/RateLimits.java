package io.trustbaseline.localcloud;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The world's request rates per API family ({@code "rateLimits": {"eks": 10, "iam": 5, "sts": 20, "arm-read": 20,
 * "arm-write": 4}}, requests per second), enforced as token buckets that hold one second's worth and refill
 * continuously on the world's clock, as the clouds describe their throttling (EKS and IAM: a request rate with bursts;
 * ARM: "Understand how Azure Resource Manager throttles requests", a token bucket per principal and operation kind).
 * A call that finds its bucket empty is throttled, with the whole seconds until a token is back.
 */
final class RateLimits {
    private static final class Bucket {
        final double perSecond;
        double tokens;
        Instant refilled;

        Bucket(double perSecond, Instant now) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
            this.refilled = now;
        }
    }

    private final Map<String, Double> rates;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();

    RateLimits(JsonNode rateLimits) {
        Map<String, Double> out = new LinkedHashMap<>();
        rateLimits.properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
        this.rates = Map.copyOf(out);
    }

    /** The family a route's calls count against: {@code eks}, {@code iam}, {@code sts}, {@code arm-read} or {@code arm-write}. */
    static String family(Route route) {
        String service = route.api().substring(0, route.api().indexOf(':'));
        return service.equals("arm") ? (route.write() ? "arm-write" : "arm-read") : service;
    }

    /** Takes a token for a call of {@code family}: null when it may go ahead, else the seconds to wait (at least 1). */
    synchronized Integer take(String family, Instant now) {
        Double rate = rates.get(family);
        if (rate == null) {
            return null;
        }
        Bucket bucket = buckets.computeIfAbsent(family, f -> new Bucket(rate, now));
        double elapsed = Math.max(0, (now.toEpochMilli() - bucket.refilled.toEpochMilli()) / 1000.0);
        bucket.tokens = Math.min(bucket.perSecond, bucket.tokens + elapsed * bucket.perSecond);
        bucket.refilled = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return null;
        }
        return (int) Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.perSecond));
    }

    Map<String, Double> rates() { return rates; }
}
