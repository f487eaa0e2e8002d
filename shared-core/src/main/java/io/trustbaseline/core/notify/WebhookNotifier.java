package io.trustbaseline.core.notify;

import io.trustbaseline.core.AppSettings;
import io.trustbaseline.core.report.Redaction;
import io.trustbaseline.core.report.Report;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Posts a report's failed, blocked and lapsed-exemption items to an incoming webhook (Slack or Teams). The webhook's
 * URL is a credential: it comes from the deployment's secret store through {@code url} (resolved on first use) and
 * appears in no log line. A webhook that cannot be reached is reported to {@code problems} and changes nothing else.
 */
public final class WebhookNotifier implements Notifier {
    /** {@code slack} or {@code teams}; unset = notifications off. */
    public static final String FORMAT_VARIABLE = "NOTIFY_WEBHOOK_FORMAT";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

    private final WebhookFormat format;
    private final Supplier<String> url;
    private final Consumer<String> problems;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile URI resolved;

    public WebhookNotifier(WebhookFormat format, Supplier<String> url, Consumer<String> problems) {
        this.format = format;
        this.url = url;
        this.problems = problems;
    }

    /**
     * The notifier the app settings ask for: none without {@value #FORMAT_VARIABLE}; otherwise {@code secretSetting}
     * must be set, and {@code secret} turns its value (a reference to the secret store) into the URL's source,
     * refusing a value that is not such a reference.
     */
    public static Notifier fromSettings(Map<String, String> env, String secretSetting,
                                        Function<String, Supplier<String>> secret, Consumer<String> problems) {
        Optional<String> format = AppSettings.value(env, FORMAT_VARIABLE);
        if (format.isEmpty()) {
            return Notifier.NONE;
        }
        String reference = AppSettings.value(env, secretSetting).orElseThrow(() -> new IllegalStateException(
                FORMAT_VARIABLE + " is set but " + secretSetting + " is not: it names the secret holding the webhook URL"));
        return new WebhookNotifier(WebhookFormat.parse(format.get()), secret.apply(reference), problems);
    }

    @Override
    public void notify(Report report) {
        List<Attention> items = Attention.of(report);
        if (items.isEmpty()) {
            return;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(webhook()).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(format.body(report, items))).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                problems.accept("notification for " + report.requestId() + " not delivered: the webhook answered HTTP " + status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.accept("notification for " + report.requestId() + " not delivered: interrupted");
        } catch (Exception e) {
            problems.accept("notification for " + report.requestId() + " not delivered: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Redaction.scrub(e.getMessage())));
        }
    }

    private URI webhook() {
        URI uri = resolved;
        if (uri == null) {
            uri = checked(url.get());
            resolved = uri;
        }
        return uri;
    }

    /**
     * An https URL, or http to this machine (a local test server): anything else is refused without echoing the
     * value, which is a secret.
     */
    static URI checked(String text) {
        URI uri;
        try {
            uri = URI.create(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret does not hold a URL");
        }
        boolean https = "https".equals(uri.getScheme()) && uri.getHost() != null;
        if (!https && !("http".equals(uri.getScheme()) && loopback(uri.getHost()))) {
            throw new IllegalArgumentException("the webhook secret must hold an https URL");
        }
        return uri;
    }

    /** Named, not resolved: a lookup could send the secret's host to a resolver, and names can be re-pointed. */
    private static boolean loopback(String host) {
        return host != null && LOOPBACK.contains(host);
    }
}
