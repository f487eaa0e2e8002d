package io.trustbaseline.aws;

import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineSource;
import io.trustbaseline.core.setting.Catalog;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

import java.util.Map;

/**
 * The baseline kept in an SSM Parameter Store parameter: where operators keep it on AWS (a Lambda environment holds
 * at most 4 KB in all, and a deploy command line mangles YAML). Read once during init with the function's own
 * identity ({@code ssm:GetParameter} on that one parameter), then loaded exactly as an inline baseline is. The name may
 * end in {@code :version} to pin one version: a new version then needs a deploy, which also takes a new SnapStart
 * snapshot (a snapshot keeps the baseline it was taken with).
 */
final class BaselineParameter {
    /** The parameter's name, such as {@code /trust-baseline/baseline} or {@code /trust-baseline/baseline:3}. */
    static final String SETTING = "TRUST_BASELINE_SSM_PARAMETER";

    private BaselineParameter() { }

    static Baseline load(SsmClient ssm, String name) {
        String yaml;
        try {
            yaml = ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
        } catch (ParameterNotFoundException e) {
            throw new IllegalStateException(SETTING + ": there is no parameter " + name + " in this account and region;"
                    + " create it (aws ssm put-parameter --name " + name + " --type String --value file://baseline.yaml)", e);
        } catch (ParameterVersionNotFoundException e) {
            throw new IllegalStateException(SETTING + ": the parameter has no version " + name + " (aws ssm"
                    + " get-parameter-history lists them)", e);
        } catch (SsmException e) {
            throw new IllegalStateException(SETTING + ": cannot read the parameter " + name + " ("
                    + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage() + ")", e);
        }
        return BaselineSource.load(Map.of(BaselineSource.YAML_VARIABLE, yaml), Catalog.standard());
    }
}
