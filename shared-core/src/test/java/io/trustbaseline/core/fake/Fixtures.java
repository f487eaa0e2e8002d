package io.trustbaseline.core.fake;

import io.trustbaseline.core.TrustBaseline;
import io.trustbaseline.core.baseline.Baseline;
import io.trustbaseline.core.baseline.BaselineLoader;
import io.trustbaseline.core.port.CloudException;
import io.trustbaseline.core.port.azure.TrustedAccessRole;
import io.trustbaseline.core.reconcile.Retrier;
import io.trustbaseline.core.reconcile.RetryPolicy;
import io.trustbaseline.core.reconcile.Sleeper;
import io.trustbaseline.core.setting.Catalog;
import io.trustbaseline.core.target.AzureResourceId;
import io.trustbaseline.core.target.AzureResourceTypes;
import io.trustbaseline.core.target.EksClusterArn;
import io.trustbaseline.core.target.TargetState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared ids, states and the example baseline of the unit tests. */
public final class Fixtures {
    public static final String SUB = "00000000-0000-0000-0000-000000000001";
    public static final String OTHER_SUB = "00000000-0000-0000-0000-000000000002";
    public static final String RG = "rg-ml";
    public static final String LOCATION = "westeurope";
    public static final AzureResourceId AKS = AzureResourceId.of(SUB, RG, AzureResourceTypes.MANAGED_CLUSTERS, "aks-prod");
    public static final AzureResourceId ML_SOURCE = AzureResourceId.of(SUB, RG, AzureResourceTypes.WORKSPACES, "ml-central");
    public static final AzureResourceId ACR = AzureResourceId.of(SUB, RG, AzureResourceTypes.REGISTRIES, "acrprod01");
    public static final AzureResourceId STORAGE = AzureResourceId.of(SUB, RG, AzureResourceTypes.STORAGE_ACCOUNTS, "stprod01");
    public static final AzureResourceId WORKSPACE = AzureResourceId.of(SUB, RG, AzureResourceTypes.WORKSPACES, "ml-hbi");
    public static final String MLWORKLOAD = "Microsoft.MachineLearningServices/workspaces/mlworkload";
    public static final TrustedAccessRole MLWORKLOAD_ROLE =
            new TrustedAccessRole("Microsoft.MachineLearningServices/workspaces", "mlworkload");

    public static final String ACCOUNT = "111122223333";
    public static final String OTHER_ACCOUNT = "444455556666";
    public static final EksClusterArn EKS = EksClusterArn.of("eu-west-1", ACCOUNT, "prod-eks");
    public static final String EBS_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy";

    public static final TargetState AZURE_READY = new TargetState("Succeeded", true, LOCATION, Map.of("env", "prod"));
    public static final TargetState EKS_READY = new TargetState("ACTIVE", true, "eu-west-1", Map.of());

    /** DESIGN.md's example baseline, with real ids in place of its placeholders. */
    public static final String BASELINE_YAML = """
            version: 1
            rules:
              - name: ml-clusters
                match: { cloud: azure, resourceType: Microsoft.ContainerService/managedClusters,
                         subscriptions: ["*"], resourceGroups: ["*"], names: ["*"], tags: { env: prod } }
                settings:
                  - { type: aks-trusted-access, name: aml-central, adopt: true,
                      sourceResourceId: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ml-central",
                      roles: [Microsoft.MachineLearningServices/workspaces/mlworkload] }
              - name: registries
                match: { cloud: azure, resourceType: Microsoft.ContainerRegistry/registries }
                settings: [ { type: acr-trusted-services, requirePremium: true } ]
              - name: eks
                match: { cloud: aws, resourceType: eks-cluster, accounts: ["*"], regions: ["*"], names: ["*"] }
                settings:
                  - { type: eks-pod-identity-agent }
                  - { type: eks-pod-identity, namespace: kube-system, serviceAccount: ebs-csi-controller-sa,
                      role: { name: "{cluster}-ebs-csi", managedPolicyArns: [arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy] } }
            guardrails:
              trustedAccessSources: ["/subscriptions/*/resourceGroups/*/providers/Microsoft.MachineLearningServices/workspaces/*"]
              trustedAccessRoles: ["Microsoft.MachineLearningServices/workspaces/mlworkload"]
              ticketRoleArns: ["arn:aws:iam::*:role/workload/*"]
              ticketPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
              requiredPermissionsBoundary: arn:aws:iam::111122223333:policy/workload-boundary
              forbiddenPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/IAMFullAccess"]
              protectedNamespaces: ["kube-system"]
            """;

    private Fixtures() { }

    public static Baseline baseline() {
        return new BaselineLoader(Catalog.standard()).parse(BASELINE_YAML);
    }

    /** A cloud with the AKS cluster, the registry, the storage account and the EKS cluster ready. */
    public static FakeCloud readyCloud() {
        return new FakeCloud()
                .target(AKS, AZURE_READY)
                .target(ACR, AZURE_READY)
                .target(STORAGE, AZURE_READY)
                .target(WORKSPACE, AZURE_READY)
                .target(EKS, EKS_READY)
                .offers(LOCATION, MLWORKLOAD_ROLE);
    }

    /** The facade on the fake cloud, retrying without sleeping. */
    public static TrustBaseline trustBaseline(FakeCloud cloud, RecordingSleeper sleeper) {
        return new TrustBaseline(Catalog.standard(), baseline(), cloud.ports(),
                new Retrier(RetryPolicy.standard(), sleeper, new SplittableRandom(42)));
    }

    public static TrustBaseline trustBaseline(FakeCloud cloud) {
        return trustBaseline(cloud, new RecordingSleeper());
    }

    public static CloudException throttled() {
        return CloudException.transientFailure("TooManyRequests", "throttled", Duration.ofSeconds(1), null);
    }

    /** A sleeper that records each wait instead of waiting. */
    public static final class RecordingSleeper implements Sleeper {
        public final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration duration) { sleeps.add(duration); }

        public Duration total() { return sleeps.stream().reduce(Duration.ZERO, Duration::plus); }
    }
}
