package io.trustbaseline.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.core.baseline.BaselineSource;
import io.trustbaseline.core.baseline.Rule;
import io.trustbaseline.localcloud.LocalCloud;
import io.trustbaseline.localcloud.World;
import io.trustbaseline.localcloud.aws.AwsServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The baseline kept in Parameter Store: read at init with the function's own credentials through the real SSM
 * client, over HTTP against the local cloud's GetParameter under the deployment's policy (infra/aws/permissions.json:
 * that one parameter, in the function's own account and region); a parameter the policy does not allow, or a missing
 * parameter or version, stops the init naming it.
 */
class BaselineParameterTest {
    private static final String NAME = "/trust-baseline/baseline";
    private LocalCloud cloud;

    @BeforeEach
    void start() {
        World world = World.load(LocalAws.SAMPLES.resolve("world.json"));
        world.locked(root -> {
            ObjectNode region = root.withObject("/aws/accounts/" + LocalAws.ACCOUNT + "/regions/" + LocalAws.REGION);
            region.withObject("/ssmParameters").putObject(NAME)
                    .put("value", LocalAws.sample("baseline.yaml")).put("type", "String").put("version", 3);
            return null;
        });
        cloud = LocalCloud.start(world, AwsServices.all());
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private AwsConfig config() {
        return AwsConfig.local(cloud.endpoint(), LocalAws.ACCOUNT, LocalAws.REGION);
    }

    @Test
    void theParameterIsTheBaselineAndWinsOverTheInlineOne() {
        AwsRuntime runtime = AwsRuntime.fromSettings(config(), Map.of(BaselineParameter.SETTING, NAME,
                BaselineSource.YAML_VARIABLE, "version: 1\nrules: []\n"));

        assertEquals(List.of("ml-clusters", "registries", "storage-accounts", "key-vaults", "ml-workspaces", "eks-clusters",
                        "eks-admin-access"),
                runtime.trustBaseline().baseline().rules().stream().map(Rule::name).toList());
        assertEquals(1, cloud.calls().byApi().get("ssm:GetParameter"), "read once, at init");
    }

    @Test
    void aPinnedVersionIsReadAndAnotherVersionStopsTheInitNamingIt() {
        AwsRuntime pinned = AwsRuntime.fromSettings(config(), Map.of(BaselineParameter.SETTING, NAME + ":3"));
        assertEquals(LocalAws.baseline(LocalAws.sample("baseline.yaml")).rules(), pinned.trustBaseline().baseline().rules(),
                "version 3 holds the sample baseline");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsRuntime.fromSettings(config(), Map.of(BaselineParameter.SETTING, NAME + ":2")));
        assertInstanceOf(ParameterVersionNotFoundException.class, e.getCause(), "the service's own error, as the model names it");
        assertTrue(e.getMessage().contains(NAME + ":2"), e.getMessage());
    }

    @Test
    void aParameterOutsideTheDeploymentsPolicyIsDeniedAndStopsTheInitNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsRuntime.fromSettings(config(), Map.of(BaselineParameter.SETTING, "/trust-baseline/other")));
        SsmException denied = assertInstanceOf(SsmException.class, e.getCause());
        assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode(), "IAM decides before the parameter is looked up");
        assertTrue(e.getMessage().startsWith(BaselineParameter.SETTING + ": cannot read the parameter /trust-baseline/other"),
                e.getMessage());
        assertTrue(e.getMessage().contains("arn:aws:ssm:eu-west-1:111122223333:parameter/trust-baseline/other"), e.getMessage());
    }

    @Test
    void anotherAccountsParameterIsNotFoundAndStopsTheInitNamingIt() {
        AwsConfig otherAccount = AwsConfig.local(cloud.endpoint(), "444455556666", LocalAws.REGION);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsRuntime.fromSettings(otherAccount, Map.of(BaselineParameter.SETTING, NAME)));
        assertInstanceOf(ParameterNotFoundException.class, e.getCause());
        assertTrue(e.getMessage().startsWith(BaselineParameter.SETTING + ": there is no parameter " + NAME), e.getMessage());
    }

    @Test
    void anotherRegionsParameterIsNotFound() {
        AwsConfig otherRegion = AwsConfig.local(cloud.endpoint(), LocalAws.ACCOUNT, "us-west-2");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AwsRuntime.fromSettings(otherRegion, Map.of(BaselineParameter.SETTING, NAME)));
        assertInstanceOf(ParameterNotFoundException.class, e.getCause());
    }
}
