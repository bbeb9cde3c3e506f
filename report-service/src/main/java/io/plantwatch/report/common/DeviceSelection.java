package io.plantwatch.report.common;

import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.report.device.service.DeviceDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a request's deviceIds and/or site (and line) into the list of devices it means. */
@ApplicationScoped
public class DeviceSelection {

    /** Most devices one request may name or select. */
    public static final int MAX_DEVICES = 500;

    private final DeviceDirectory directory;

    public DeviceSelection(DeviceDirectory directory) {
        this.directory = directory;
    }

    /**
     * @param required when true, a request that names neither devices nor a site is a 400 (field deviceIds)
     * @return the named devices followed by the site's, without duplicates; empty when nothing was asked and not required
     */
    public List<String> resolve(Set<String> deviceIds, String site, String line, boolean required) {
        Set<String> ids = new LinkedHashSet<>(deviceIds);
        if (site != null && !site.isBlank()) {
            List<String> ofSite = directory.deviceIdsOfSite(site.trim(), line == null || line.isBlank() ? null : line.trim());
            if (ofSite.isEmpty() && deviceIds.isEmpty()) {
                throw ApiException.invalid("site", "no device is known at site '" + site.trim() + "'"
                        + (line == null || line.isBlank() ? "" : " line '" + line.trim() + "'"));
            }
            ids.addAll(ofSite);
        } else if (line != null && !line.isBlank()) {
            throw ApiException.invalid("site", "is required with line");
        }
        if (required && ids.isEmpty()) {
            throw ApiException.invalid("deviceIds", "name devices (deviceIds) or a site");
        }
        if (ids.size() > MAX_DEVICES) {
            throw ApiException.invalid("deviceIds", "at most " + MAX_DEVICES + " devices per request");
        }
        return new ArrayList<>(ids);
    }
}
