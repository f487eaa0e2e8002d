package io.trustbaseline.localcloud.aws;

import io.trustbaseline.localcloud.CloudService;

import java.util.List;

/** The emulated AWS services, for {@code LocalCloud.start(world, AwsServices.all())} (SQS is {@link EmbeddedSqs}). */
public final class AwsServices {
    private AwsServices() { }

    /** EKS, IAM, STS and SSM Parameter Store, all answering on the local cloud's one endpoint. */
    public static List<CloudService> all() {
        return List.of(new EksService(), new IamService(), new StsService(), new SsmService());
    }
}
