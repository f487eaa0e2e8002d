package io.trustbaseline.core.sweep;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The sweeps' results store in this process: for local runs on Azure's side (the local command needs only a JDK;
 * Azurite is not one) and the core's tests. Same keys and JSON Lines objects as the S3 bucket or Blob container, held
 * in memory for the life of the process.
 */
public final class InProcessResultsStore implements ResultsStore {
    private final ConcurrentSkipListMap<String, String> objects = new ConcurrentSkipListMap<>();

    @Override
    public void put(String key, String content) { objects.put(key, content); }

    @Override
    public Optional<String> get(String key) { return Optional.ofNullable(objects.get(key)); }

    @Override
    public List<String> keys(String prefix) {
        return objects.tailMap(prefix, true).keySet().stream().takeWhile(k -> k.startsWith(prefix)).toList();
    }
}
