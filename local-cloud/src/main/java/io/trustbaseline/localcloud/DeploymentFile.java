package io.trustbaseline.localcloud;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The deployment's files the local cloud enforces, packaged from the repository's infra/ folder at build time (see
 * local-cloud/pom.xml): the one source of the permissions the templates grant.
 */
public final class DeploymentFile {
    private DeploymentFile() { }

    /** A JSON file under infra/, such as {@code azure/permissions.json}. */
    public static JsonNode json(String path) {
        return read(path, World.JSON);
    }

    /** A YAML file under infra/ (a CloudFormation template: its short-form tags are dropped, their values kept). */
    public static JsonNode yaml(String path) {
        return read(path, new com.fasterxml.jackson.dataformat.yaml.YAMLMapper());
    }

    private static JsonNode read(String path, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        String resource = "/io/trustbaseline/localcloud/deployment/" + path;
        try (InputStream in = DeploymentFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("local cloud: the deployment file infra/" + path + " is not packaged");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("local cloud: cannot read infra/" + path, e);
        }
    }
}
