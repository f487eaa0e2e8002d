package io.trustbaseline.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's published samples from wherever the tests run. */
public final class Samples {
    private Samples() { }

    /** The nearest {@code events-samples/} at or above the working directory. */
    public static Path dir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events-samples"))) {
                return dir.resolve("events-samples");
            }
        }
        throw new IllegalStateException("no events-samples/ at or above " + Path.of("").toAbsolutePath());
    }

    public static String read(String relative) {
        try {
            return Files.readString(dir().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
