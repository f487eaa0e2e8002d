package io.trustbaseline.cli;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.management.AzureEnvironment;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * What {@code --cloud real} signs in with: each SDK's default chain, resolved before any entry point runs, so that a
 * missing region or credential is one line naming what is missing and how to provide it (exit 2) rather than the
 * SDK's account of every provider it tried, inside a failed report.
 */
final class RealCredentials {
    static final String NO_AWS_REGION = "no AWS region: set AWS_REGION (for example AWS_REGION=eu-west-1),"
            + " or region in your profile in ~/.aws/config (aws configure)";
    static final String NO_AWS_CREDENTIALS = "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
            + " or AWS_PROFILE naming a profile of ~/.aws/credentials or ~/.aws/config (aws configure, or aws sso login)";
    static final String NO_AZURE_CREDENTIAL = "no Azure credential: sign in with az login,"
            + " or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal";

    private RealCredentials() { }

    /** The region of the default chain: AWS_REGION, then the profile's region (then, on EC2, the instance's). */
    static String awsRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkClientException e) {
            throw new UsageException(NO_AWS_REGION, e);
        }
    }

    /** The default credentials chain, with its credentials resolved once now (the provider keeps them). */
    static AwsCredentialsProvider aws() {
        DefaultCredentialsProvider provider = DefaultCredentialsProvider.builder().build();
        try {
            provider.resolveCredentials();
        } catch (SdkClientException e) {
            throw new UsageException(NO_AWS_CREDENTIALS, e);
        }
        return provider;
    }

    /** DefaultAzureCredential, with a token for Azure Resource Manager fetched once now to prove it signs in. */
    static TokenCredential azure() {
        TokenCredential credential = new DefaultAzureCredentialBuilder().build();
        try {
            credential.getTokenSync(new TokenRequestContext()
                    .addScopes(AzureEnvironment.AZURE.getManagementEndpoint() + "/.default"));
        } catch (CredentialUnavailableException e) {
            throw new UsageException(NO_AZURE_CREDENTIAL, e);
        } catch (ClientAuthenticationException e) {
            throw new UsageException("Azure sign-in failed (" + Main.oneLine(e.getMessage().lines().findFirst().orElse(""))
                    + "): sign in again with az login, or check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET", e);
        }
        return credential;
    }
}
