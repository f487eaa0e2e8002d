package io.trustbaseline.localcloud;

/**
 * What an emulator makes of a request before it runs it: the API it calls (such as {@code eks:CreateAddon} or
 * {@code arm:TrustedAccessRoleBindings_CreateOrUpdate}), whether that API writes, and the code that answers it.
 * The server counts calls and injects faults by {@link #api()} before {@link #handler()} runs.
 */
public record Route(String api, boolean write, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        LocalResponse handle(LocalRequest request, World world);
    }
}
