package io.trustbaseline.azure.local;

import io.trustbaseline.core.sweep.ResultsStore;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The sweeps' results store for local runs on Azure's side, in this process, for the reason {@link InProcessQueue}
 * gives: same keys and JSON Lines objects as the Blob container, held in memory for the life of the command.
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
