package io.plantwatch.auth.post.service;

import io.plantwatch.auth.feed.repository.DeviceSiteRepository;
import io.plantwatch.auth.post.repository.PostEntity;
import io.plantwatch.auth.post.repository.PostRepository;
import io.plantwatch.contracts.api.ApiError.FieldError;
import io.plantwatch.auth.user.service.Caller;
import io.plantwatch.contracts.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The operator logbook: authors write, edit and delete their own entries; admins may delete any (moderation). */
@ApplicationScoped
public class PostService {

    static final int MAX_TEXT = 5000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:|#-]{0,127}");

    private final PostRepository posts;
    private final DeviceSiteRepository deviceSites;

    public PostService(PostRepository posts, DeviceSiteRepository deviceSites) {
        this.posts = posts;
        this.deviceSites = deviceSites;
    }

    /** What a client sends to write or edit an entry. */
    public record Draft(String text, String deviceId, String alarmId, String site) {
    }

    public Post create(Caller author, Draft draft) {
        if (draft == null) {
            throw ApiException.invalid("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String text = text(draft.text(), errors);
        String deviceId = optionalId("deviceId", draft.deviceId(), errors);
        String alarmId = optionalId("alarmId", draft.alarmId(), errors);
        String site = optionalId("site", draft.site(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        PostEntity entity = new PostEntity();
        entity.id = UUID.randomUUID().toString();
        entity.authorId = author.userId();
        entity.authorName = author.username();
        entity.text = text;
        entity.deviceId = deviceId;
        entity.alarmId = alarmId;
        entity.site = site != null ? site : deviceSites.siteOf(deviceId).orElse(null);
        entity.createdAt = Instant.now();
        posts.persist(entity);
        return Post.of(entity);
    }

    public Post get(String id) {
        return Post.of(existing(id));
    }

    /** The author edits the text of their own entry. */
    public Post edit(Caller caller, String id, Draft draft) {
        if (draft == null) {
            throw ApiException.invalid("body", "is required");
        }
        PostEntity entity = existing(id);
        if (!caller.userId().equals(entity.authorId)) {
            throw ApiException.forbidden("only the author may edit a logbook entry");
        }
        List<FieldError> errors = new ArrayList<>();
        String text = text(draft.text(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        entity.text = text;
        entity.editedAt = Instant.now();
        posts.update(entity);
        return Post.of(entity);
    }

    /** The author deletes their own entry; an admin may delete anyone's. */
    public void delete(Caller caller, String id) {
        PostEntity entity = existing(id);
        if (!caller.userId().equals(entity.authorId) && !caller.admin()) {
            throw ApiException.forbidden("only the author or an admin may delete a logbook entry");
        }
        posts.deleteById(entity.id);
    }

    public List<Post> search(String deviceId, String alarmId, String author, String site, Instant from, Instant to,
            int page, int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiException.invalid("from", "must be before to");
        }
        return posts.search(blankToNull(deviceId), blankToNull(alarmId), blankToNull(author) == null ? null : author.trim().toLowerCase(java.util.Locale.ROOT), blankToNull(site), from,
                to, page, size).stream().map(Post::of).toList();
    }

    private PostEntity existing(String id) {
        PostEntity entity = id == null ? null : posts.findById(id);
        if (entity == null) {
            throw ApiException.notFound("post " + id);
        }
        return entity;
    }

    private static String text(String text, List<FieldError> errors) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            errors.add(new FieldError("text", "is required"));
        } else if (t.length() > MAX_TEXT) {
            errors.add(new FieldError("text", "must be at most " + MAX_TEXT + " characters"));
        }
        return t;
    }

    private static String optionalId(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ID.matcher(value.trim()).matches()) {
            errors.add(new FieldError(field, "must be 1-128 characters: letters, digits, '.', '_', ':', '|', '#' or '-'"));
            return null;
        }
        return value.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
