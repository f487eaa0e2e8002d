package io.trustbaseline.localcloud;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What an emulator makes of a request before it runs it: the API it calls (such as {@code eks:CreateAddon} or
 * {@code arm:TrustedAccessRoleBindings_CreateOrUpdate}), whether that API writes, what it asks of the caller's
 * permissions, and the code that answers it. The server counts calls, checks permissions and injects faults by
 * {@link #api()} before {@link #handler()} runs.
 */
public record Route(String api, boolean write, Authorization authorization, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        LocalResponse handle(LocalRequest request, World world);
    }

    /** The accesses a request needs, read from the request and the world (such as a role's path). */
    @FunctionalInterface
    public interface Authorization {
        List<Access> of(LocalRequest request, ObjectNode root);

        /** For the few calls no policy can deny (such as sts:GetCallerIdentity). */
        static Authorization none() {
            return (request, root) -> List.of();
        }
    }
}
