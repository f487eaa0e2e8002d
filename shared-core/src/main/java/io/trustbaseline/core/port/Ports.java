package io.trustbaseline.core.port;

import java.util.Optional;

/**
 * The ports one process offers: how its targets are read, and the ports of the cloud (or clouds) it serves, typed
 * so that a function missing one does not compile. A setting of a cloud the process does not serve is never planned:
 * the reconciler refuses targets outside {@link TargetPort#clouds()} first.
 */
public final class Ports {
    private final TargetPort targets;
    private final Optional<AzurePorts> azure;
    private final Optional<AwsPorts> aws;

    private Ports(TargetPort targets, Optional<AzurePorts> azure, Optional<AwsPorts> aws) {
        this.targets = targets;
        this.azure = azure;
        this.aws = aws;
    }

    public static Ports azure(TargetPort targets, AzurePorts azure) {
        return new Ports(java.util.Objects.requireNonNull(targets, "targets"), Optional.of(azure), Optional.empty());
    }

    public static Ports aws(TargetPort targets, AwsPorts aws) {
        return new Ports(java.util.Objects.requireNonNull(targets, "targets"), Optional.empty(), Optional.of(aws));
    }

    /** A process serving both clouds (the core's own tests). */
    public static Ports both(TargetPort targets, AzurePorts azure, AwsPorts aws) {
        return new Ports(java.util.Objects.requireNonNull(targets, "targets"), Optional.of(azure), Optional.of(aws));
    }

    /** No port at all: a process that must make no cloud call (any call throws). */
    public static Ports none() {
        return new Ports(null, Optional.empty(), Optional.empty());
    }

    public TargetPort targets() {
        if (targets == null) {
            throw new IllegalStateException("no cloud is configured in this function");
        }
        return targets;
    }

    public AzurePorts azure() {
        return azure.orElseThrow(() -> new IllegalStateException("this function serves no Azure targets"));
    }

    public AwsPorts aws() {
        return aws.orElseThrow(() -> new IllegalStateException("this function serves no AWS targets"));
    }
}
