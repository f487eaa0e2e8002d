package io.trustbaseline.core.port;

import io.trustbaseline.core.port.aws.EksPort;
import io.trustbaseline.core.port.aws.IamPort;

import java.util.Objects;

/** Every port the AWS settings use: a function serving AWS offers all of them, or it does not compile. */
public record AwsPorts(EksPort eks, IamPort iam) {
    public AwsPorts {
        Objects.requireNonNull(eks, "eks");
        Objects.requireNonNull(iam, "iam");
    }
}
