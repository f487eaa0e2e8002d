package io.trustbaseline.localcloud;

import java.util.List;

/**
 * What the deployment lets its functions do in one cloud: the Azure custom role of infra/azure/permissions.json or the
 * IAM policy of infra/aws/permissions.json. The local cloud asks it before every call, as the cloud does.
 */
public interface Permissions {

    /** Whether the caller may perform this access. */
    boolean allows(Access access);

    /** The actions granted, as the file writes them. */
    List<String> actions();

    /** The same permissions without one granted action: how a test proves that action is needed. */
    Permissions without(String action);
}
