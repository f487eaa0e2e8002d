package io.trustbaseline.core.baseline;

import io.trustbaseline.core.setting.Catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a function finds its baseline, first match wins: {@code TRUST_BASELINE_YAML} (the document itself, e.g. an
 * app setting), {@code TRUST_BASELINE_FILE} (a path), or {@code baseline.yaml} packaged on the classpath.
 */
public final class BaselineSource {
    public static final String YAML_VARIABLE = "TRUST_BASELINE_YAML";
    public static final String FILE_VARIABLE = "TRUST_BASELINE_FILE";
    public static final String RESOURCE = "/baseline.yaml";

    private BaselineSource() { }

    public static Baseline load(Map<String, String> environment, Catalog catalog) {
        BaselineLoader loader = new BaselineLoader(catalog, ExemptionPolicy.from(environment));
        String yaml = environment.get(YAML_VARIABLE);
        if (yaml != null && !yaml.isBlank()) {
            return loader.parse(yaml);
        }
        String file = environment.get(FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            return loader.load(Path.of(file));
        }
        try (InputStream in = BaselineSource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no baseline: set " + YAML_VARIABLE + " or " + FILE_VARIABLE
                        + ", or package " + RESOURCE);
            }
            return loader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged " + RESOURCE, e);
        }
    }
}
