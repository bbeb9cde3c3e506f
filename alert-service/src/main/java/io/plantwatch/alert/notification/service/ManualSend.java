package io.plantwatch.alert.notification.service;

import io.plantwatch.alert.alarm.service.Alarm;
import io.plantwatch.alert.alarm.service.AlarmService;
import io.plantwatch.alert.directory.repository.UserEntity;
import io.plantwatch.alert.directory.service.Directory;
import io.plantwatch.alert.directory.service.Recipient;
import io.plantwatch.alert.notification.mail.AlarmView;
import io.plantwatch.alert.notification.mail.MailTemplates;
import io.plantwatch.alert.notification.mail.MessageView;
import io.plantwatch.contracts.api.ApiError;
import io.plantwatch.contracts.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A message, or an alarm summary, sent by a person to users and/or roles (not rate-limited: a human chose it). */
@ApplicationScoped
public class ManualSend {

    static final Set<String> ROLES = Set.of("admin", "operator", "viewer");
    static final int MAX_SUBJECT = 200;
    static final int MAX_MESSAGE = 20_000;

    private final Directory directory;
    private final AlarmService alarms;
    private final MailOutbox outbox;
    private final MailLinks links;

    public ManualSend(Directory directory, AlarmService alarms, MailOutbox outbox, MailLinks links) {
        this.directory = directory;
        this.alarms = alarms;
        this.outbox = outbox;
        this.links = links;
    }

    /** What to send and to whom; at least a message or an alarm, and at least one user or role. */
    public record Request(String subject, String message, String alarmId, List<String> users, List<String> roles) {
    }

    /** The mails queued: one per recipient. */
    public record Result(int queued, List<String> recipients, List<String> mailIds) {
    }

    public Result send(Request request, String sender) {
        List<ApiError.FieldError> errors = new ArrayList<>();
        String message = blankToNull(request.message());
        String alarmId = blankToNull(request.alarmId());
        if (message == null && alarmId == null) {
            errors.add(new ApiError.FieldError("message", "give a message, an alarmId, or both"));
        }
        if (message != null && message.length() > MAX_MESSAGE) {
            errors.add(new ApiError.FieldError("message", "is longer than " + MAX_MESSAGE + " characters"));
        }
        if (request.subject() != null && request.subject().length() > MAX_SUBJECT) {
            errors.add(new ApiError.FieldError("subject", "is longer than " + MAX_SUBJECT + " characters"));
        }
        Optional<Alarm> alarm = alarmId == null ? Optional.empty() : alarms.find(alarmId);
        if (alarmId != null && alarm.isEmpty()) {
            errors.add(new ApiError.FieldError("alarmId", "no alarm '" + alarmId + "'"));
        }
        List<String> users = request.users() == null ? List.of() : request.users();
        List<String> roles = request.roles() == null ? List.of() : request.roles();
        if (users.isEmpty() && roles.isEmpty()) {
            errors.add(new ApiError.FieldError("users", "name at least one user or role"));
        }
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        for (int i = 0; i < users.size(); i++) {
            String username = users.get(i) == null ? "" : users.get(i).strip();
            Optional<UserEntity> user = directory.userByName(username);
            Optional<Recipient> reachable = directory.recipient(username);
            if (user.isEmpty()) {
                errors.add(new ApiError.FieldError("users[" + i + "]", "unknown user '" + username + "'"));
            } else if (reachable.isEmpty()) {
                errors.add(new ApiError.FieldError("users[" + i + "]", "user '" + username
                        + "' is disabled or has no e-mail address"));
            } else {
                recipients.put(username, reachable.get());
            }
        }
        List<String> validRoles = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i) == null ? "" : roles.get(i).strip();
            if (!ROLES.contains(role)) {
                errors.add(new ApiError.FieldError("roles[" + i + "]", "must be one of admin, operator, viewer"));
            } else {
                validRoles.add(role);
            }
        }
        if (errors.isEmpty()) {
            for (Recipient r : directory.recipientsWithAnyRole(validRoles)) {
                recipients.putIfAbsent(r.username(), r);
            }
            if (recipients.isEmpty()) {
                errors.add(new ApiError.FieldError("roles", "no reachable user has these roles"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        String subject = blankToNull(request.subject()) != null ? request.subject().strip()
                : alarm.map(a -> a.severity() + " alarm on " + a.deviceName() + ": " + a.type()).orElse("Message from " + sender);
        MessageView view = new MessageView(subject, message, sender,
                alarm.map(a -> AlarmView.of(a, links.alarm(a.id()))).orElse(null));
        String text = MailTemplates.messageText(view).render();
        String html = MailTemplates.messageHtml(view).render();
        String batch = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (Recipient r : recipients.values()) {
            String id = "message|" + batch + "|" + r.username();
            outbox.enqueue(new OutgoingMail(id, "MESSAGE", r.username(), r.email(), "[PlantWatch] " + subject, text, html,
                    alarmId));
            ids.add(id);
        }
        return new Result(ids.size(), List.copyOf(recipients.keySet()), ids);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
