package io.trustbaseline.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The sizes of what is deployed (the Lambda jar, the staged Functions app) and of the cli jar; absent = not built. */
final class PackageSizes {
    /** An artifact's size in bytes, and for a folder the bytes under its lib/; empty when it is not built. */
    record Size(String name, String path, Optional<Long> bytes, Optional<Long> libBytes) { }

    private PackageSizes() { }

    static List<Size> measure(Path root) {
        Optional<Path> lambda = first(root.resolve("functions-aws/target"), p -> p.getFileName().toString().endsWith("-lambda.jar"));
        Optional<Path> app = first(root.resolve("functions-azure/target/azure-functions"), Files::isDirectory);
        Path cli = root.resolve("cli/target/trust-baseline.jar");
        return List.of(
                new Size("Lambda jar (functions-aws)", lambda.map(p -> root.relativize(p).toString()).orElse("functions-aws/target/*-lambda.jar"),
                        lambda.map(PackageSizes::bytes), Optional.empty()),
                new Size("Azure Functions app (staged)", app.map(p -> root.relativize(p).toString()).orElse("functions-azure/target/azure-functions/*"),
                        app.map(PackageSizes::bytes), app.map(p -> p.resolve("lib")).filter(Files::isDirectory).map(PackageSizes::bytes)),
                new Size("cli jar", root.relativize(cli).toString(), Optional.of(cli).filter(Files::isRegularFile).map(PackageSizes::bytes),
                        Optional.empty()));
    }

    private static Optional<Path> first(Path folder, java.util.function.Predicate<Path> wanted) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(wanted).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's size, or the total of the files under a folder. */
    private static long bytes(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
