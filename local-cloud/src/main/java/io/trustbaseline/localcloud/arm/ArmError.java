package io.trustbaseline.localcloud.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trustbaseline.localcloud.LocalResponse;

/**
 * An ARM error a handler raises: the status and the {@code {"error":{"code","message"}}} body the SDK turns into a
 * {@code ManagementException}. Thrown so that lookups deep in a handler can end the call in one line.
 */
final class ArmError extends RuntimeException {
    private final int status;
    private final String code;

    ArmError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ArmError badRequest(String code, String message) {
        return new ArmError(400, code, message);
    }

    static ArmError invalidParameter(String message) {
        return badRequest("InvalidParameter", message);
    }

    static ArmError subscriptionNotFound(String subscription) {
        return new ArmError(404, "SubscriptionNotFound", "The subscription '" + subscription + "' could not be found.");
    }

    static ArmError resourceGroupNotFound(String resourceGroup) {
        return new ArmError(404, "ResourceGroupNotFound", "Resource group '" + resourceGroup + "' could not be found.");
    }

    static ArmError resourceNotFound(String type, String name, String resourceGroup) {
        return new ArmError(404, "ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource group '"
                + resourceGroup + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    /** A write to a resource that is still being created or updated. */
    static ArmError notReady(String type, String name, String provisioningState) {
        return new ArmError(409, "OperationNotAllowed", "Operation is not allowed because " + type + " '" + name
                + "' is in provisioning state '" + provisioningState + "'; wait for it to reach 'Succeeded'.");
    }

    int status() { return status; }

    String code() { return code; }

    LocalResponse response() {
        return ArmJson.response(status, body(code, getMessage()));
    }

    static ObjectNode body(String code, String message) {
        ObjectNode body = ArmJson.object();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }
}
