package io.trustbaseline.core.port.azure;

import java.util.Optional;

/**
 * A key vault's firewall as the vault was read or written: its {@code networkAcls}, or null when the vault has none
 * (no firewall: every caller reaches it). The view the setting plans from, carried by a sweep's listing too.
 */
public record VaultFirewall(VaultNetworkAcls networkAcls) {

    public Optional<VaultNetworkAcls> acls() { return Optional.ofNullable(networkAcls); }
}
