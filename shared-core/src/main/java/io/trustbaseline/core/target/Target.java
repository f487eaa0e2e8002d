package io.trustbaseline.core.target;

/**
 * A resource trust-baseline reconciles: an Azure resource or an EKS cluster. The accessors line up with the
 * baseline's match fields: {@link #scope()} is the subscription or account, {@link #group()} the resource group or
 * region.
 */
public sealed interface Target permits AzureResourceId, EksClusterArn {

    Cloud cloud();

    /** The canonical id: an Azure resource id or an EKS cluster ARN. */
    String id();

    /** The ARM type ({@code Microsoft.ContainerRegistry/registries}) or {@code eks-cluster}. */
    String resourceType();

    /** Subscription id or AWS account id. */
    String scope();

    /** Resource group or AWS region. */
    String group();

    String name();
}
