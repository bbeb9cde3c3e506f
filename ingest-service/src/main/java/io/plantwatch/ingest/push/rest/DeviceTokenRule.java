package io.plantwatch.ingest.push.rest;

import io.plantwatch.contracts.api.ApiException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A device token (role device, claim deviceId) may push only its own device's data; people push any device's. */
final class DeviceTokenRule {

    private DeviceTokenRule() {
    }

    static void check(JsonWebToken jwt, String deviceId) {
        if (jwt.getGroups().contains("device") && !jwt.getGroups().contains("admin") && !jwt.getGroups().contains("operator")) {
            Object allowed = jwt.getClaim("deviceId");
            if (allowed == null || !allowed.toString().equals(deviceId)) {
                throw ApiException.forbidden("a device token may push only its own deviceId");
            }
        }
    }
}
