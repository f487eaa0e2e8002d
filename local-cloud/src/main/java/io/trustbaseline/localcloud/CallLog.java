package io.trustbaseline.localcloud;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every API call the local cloud answered, in order: what tests and benchmarks count. */
public final class CallLog {
    public record Call(String api, boolean write, int status) { }

    private final List<Call> calls = new ArrayList<>();

    synchronized void record(String api, boolean write, int status) {
        calls.add(new Call(api, write, status));
    }

    public synchronized List<Call> calls() { return List.copyOf(calls); }

    public synchronized long writes() { return calls.stream().filter(Call::write).count(); }

    public synchronized long reads() { return calls.stream().filter(c -> !c.write()).count(); }

    /** Calls per API, sorted by name. */
    public synchronized Map<String, Integer> byApi() {
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach(c -> counts.merge(c.api(), 1, Integer::sum));
        return counts;
    }

    public synchronized void clear() { calls.clear(); }
}
