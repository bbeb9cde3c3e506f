package io.plantwatch.report.subscription.service;

import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.report.common.DeviceSelection;
import io.plantwatch.report.common.Params;
import io.plantwatch.report.config.ReportConfig;
import io.plantwatch.report.subscription.repository.SubscriptionStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Users' report subscriptions: create (checked), list, read, delete; a user sees only their own, an admin all. */
@ApplicationScoped
public class SubscriptionService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final SubscriptionStore store;
    private final ReportConfig config;

    public SubscriptionService(SubscriptionStore store, ReportConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Creates a subscription; its first delivery is the period that ends after now. */
    public Subscription create(String owner, SubscriptionRequest request, Instant now) {
        if (request == null) {
            throw ApiException.invalid("body", "is required");
        }
        List<ApiError.FieldError> errors = new ArrayList<>();
        String email = request.email() == null ? null : request.email().trim();
        if (email == null || email.isEmpty()) {
            errors.add(new ApiError.FieldError("email", "is required"));
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(new ApiError.FieldError("email", "must be an e-mail address"));
        }
        ReportFormat format = parse("format", request.format(), ReportFormat.class, errors);
        ReportPeriod period = parse("period", request.period(), ReportPeriod.class, errors);
        List<String> devices = new ArrayList<>(Params.list(request.deviceIds()));
        String site = request.site() == null || request.site().isBlank() ? null : request.site().trim();
        String line = request.line() == null || request.line().isBlank() ? null : request.line().trim();
        if (site == null && devices.isEmpty()) {
            errors.add(new ApiError.FieldError("deviceIds", "name devices (deviceIds) or a site"));
        }
        if (line != null && site == null) {
            errors.add(new ApiError.FieldError("site", "is required with line"));
        }
        if (devices.size() > DeviceSelection.MAX_DEVICES) {
            errors.add(new ApiError.FieldError("deviceIds", "at most " + DeviceSelection.MAX_DEVICES + " devices"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (store.countOf(owner) >= config.schedule().maxPerUser()) {
            throw ApiException.conflict("at most " + config.schedule().maxPerUser() + " subscriptions per user");
        }
        Subscription s = new Subscription(UUID.randomUUID().toString(), owner, email, format, period, site, line, devices,
                new ArrayList<>(Params.list(request.channels())), now, period.currentEnd(now), null, null);
        store.insert(s);
        return s;
    }

    public List<Subscription> list(String user, boolean admin) {
        return store.list(admin ? null : user);
    }

    /** The subscription if the user may see it (owner or admin), else 404. */
    public Subscription get(String id, String user, boolean admin) {
        return store.find(id).filter(s -> admin || s.owner().equals(user))
                .orElseThrow(() -> ApiException.notFound("subscription " + id));
    }

    public void delete(String id, String user, boolean admin) {
        get(id, user, admin);
        store.delete(id);
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type, List<ApiError.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new ApiError.FieldError(field, "is required; one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new ApiError.FieldError(field, "one of " + java.util.Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
