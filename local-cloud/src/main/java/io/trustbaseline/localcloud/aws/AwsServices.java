package io.trustbaseline.localcloud.aws;

import io.trustbaseline.localcloud.CloudService;

import java.util.List;

/** The emulated AWS services, for {@code LocalCloud.start(world, AwsServices.all())} (SQS is {@link EmbeddedSqs}). */
public final class AwsServices {
    private AwsServices() { }

    /** EKS, IAM and STS, all answering on the local cloud's one endpoint, for a caller holding the deployment's policy. */
    public static List<CloudService> all() {
        return all(IamPolicy.deployment());
    }

    /** As {@link #all()}, for a caller holding {@code policy}. */
    public static List<CloudService> all(IamPolicy policy) {
        return List.of(new EksService(policy), new IamService(policy), new StsService(policy));
    }
}
