package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.alarm.config.AlarmConfig;
import io.plantwatch.alert.notification.config.NotifyConfig;
import io.plantwatch.alert.notification.repository.PreferenceEntity;
import io.plantwatch.alert.notification.repository.PreferenceRepository;
import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import io.plantwatch.contracts.event.Severity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Delivery per severity: the user's own choice, else the admin's default for the alarm's site, else the built-in
 * default (immediate at and above {@code immediate-min-severity}, digest from {@code min-alarm-severity}, none below).
 */
@ApplicationScoped
public class PreferenceService {

    private final PreferenceRepository repository;
    private final NotifyConfig notify;
    private final AlarmConfig alarms;
    private final Clock clock;

    public PreferenceService(PreferenceRepository repository, NotifyConfig notify, AlarmConfig alarms, Clock clock) {
        this.repository = repository;
        this.notify = notify;
        this.alarms = alarms;
        this.clock = clock;
    }

    /** Resolves modes for many lookups in one run (one read per user and site). */
    public Resolver resolver() {
        return new Resolver();
    }

    /** Caches the stored preferences it reads; use for one notification or one digest run. */
    public final class Resolver {
        private final Map<String, Map<Severity, DeliveryMode>> cache = new HashMap<>();

        public DeliveryMode mode(String username, String site, Severity severity) {
            DeliveryMode own = stored("user:" + username).get(severity);
            if (own != null) {
                return own;
            }
            if (site != null) {
                DeliveryMode siteDefault = stored("site:" + site).get(severity);
                if (siteDefault != null) {
                    return siteDefault;
                }
            }
            return builtIn(severity);
        }

        private Map<Severity, DeliveryMode> stored(String id) {
            return cache.computeIfAbsent(id, k -> toModes(repository.findById(k)));
        }
    }

    public DeliveryMode builtIn(Severity severity) {
        if (severity.atLeast(notify.immediateMinSeverity())) {
            return DeliveryMode.IMMEDIATE;
        }
        return severity.atLeast(alarms.minAlarmSeverity()) ? DeliveryMode.DIGEST : DeliveryMode.NONE;
    }

    public Preferences ofUser(String username) {
        return view("user:" + username, null);
    }

    public Preferences ofSite(String site) {
        return view("site:" + site, null);
    }

    public Preferences putUser(String username, Map<String, String> severities, String actor) {
        return put("user:" + username, severities, actor);
    }

    public Preferences putSite(String site, Map<String, String> severities, String actor) {
        return put("site:" + site, severities, actor);
    }

    private Preferences put(String id, Map<String, String> raw, String actor) {
        Map<Severity, DeliveryMode> parsed = parse(raw);
        PreferenceEntity e = new PreferenceEntity();
        e.id = id;
        e.severities = new HashMap<>();
        parsed.forEach((s, m) -> e.severities.put(s.name(), m.name()));
        e.updatedBy = actor;
        e.updatedAt = clock.instant();
        repository.put(e);
        return view(id, e);
    }

    /** Validates a severity → mode map, naming each bad entry ({@code severities.MAJOR}). */
    Map<Severity, DeliveryMode> parse(Map<String, String> raw) {
        Map<Severity, DeliveryMode> result = new EnumMap<>(Severity.class);
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (raw == null) {
            throw ApiException.invalid("severities", "is required, e.g. {\"MAJOR\":\"immediate\",\"WARNING\":\"digest\"}");
        }
        raw.forEach((key, value) -> {
            String field = "severities." + key;
            Severity severity;
            try {
                severity = Severity.valueOf(key.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new ApiError.FieldError(field, "is not a severity (INFO, WARNING, MINOR, MAJOR, CRITICAL)"));
                return;
            }
            DeliveryMode mode;
            try {
                mode = value == null ? null : DeliveryMode.fromWire(value);
            } catch (IllegalArgumentException e) {
                mode = null;
            }
            if (mode == null) {
                errors.add(new ApiError.FieldError(field, "must be immediate, digest or none"));
                return;
            }
            if (mode == DeliveryMode.IMMEDIATE && !severity.atLeast(notify.immediateMinSeverity())) {
                errors.add(new ApiError.FieldError(field, "immediate e-mail is only sent for "
                        + notify.immediateMinSeverity() + " and above; choose digest or none"));
                return;
            }
            result.put(severity, mode);
        });
        if (!errors.isEmpty()) {
            errors.sort(java.util.Comparator.comparing(ApiError.FieldError::field));
            throw ApiException.invalid(errors);
        }
        return result;
    }

    private Preferences view(String id, PreferenceEntity stored) {
        PreferenceEntity e = stored != null ? stored : repository.findById(id);
        Map<Severity, DeliveryMode> own = toModes(e);
        Map<Severity, DeliveryMode> effective = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            effective.put(s, own.getOrDefault(s, builtIn(s)));
        }
        return new Preferences(id, own, effective, e == null ? null : e.updatedBy, e == null ? null : e.updatedAt);
    }

    private static Map<Severity, DeliveryMode> toModes(PreferenceEntity e) {
        Map<Severity, DeliveryMode> modes = new EnumMap<>(Severity.class);
        if (e != null && e.severities != null) {
            e.severities.forEach((s, m) -> modes.put(Severity.valueOf(s), DeliveryMode.valueOf(m)));
        }
        return modes;
    }
}
