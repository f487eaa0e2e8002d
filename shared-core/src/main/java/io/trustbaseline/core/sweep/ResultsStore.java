package io.trustbaseline.core.sweep;

import java.util.List;
import java.util.Optional;

/**
 * The store operators query for the sweeps' per-target reports: an S3 bucket on AWS, a Blob container on Azure.
 * Keys are {@code /}-separated paths; see {@link SweepPartition} for the layout.
 */
public interface ResultsStore {

    /** Writes one object whole (S3 PutObject, Blob Put Blob); an existing object of that key is replaced. */
    void put(String key, String content);

    /** The object's text, or empty when there is none. */
    Optional<String> get(String key);

    /** Every key under {@code prefix}, following every page of the listing. */
    List<String> keys(String prefix);
}
