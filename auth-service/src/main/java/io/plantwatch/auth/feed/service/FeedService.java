package io.plantwatch.auth.feed.service;

import io.plantwatch.auth.feed.repository.AlarmChangeEntity;
import io.plantwatch.auth.feed.repository.AlarmChangeRepository;
import io.plantwatch.auth.follow.service.Follow;
import io.plantwatch.auth.follow.service.FollowService;
import io.plantwatch.auth.post.repository.PostEntity;
import io.plantwatch.auth.post.repository.PostRepository;
import io.plantwatch.auth.post.service.Post;
import io.plantwatch.auth.user.config.AuthConfig;
import io.plantwatch.auth.user.service.User;
import io.plantwatch.auth.user.service.UserService;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's feed: posts and alarm changes of the devices and sites they follow, and posts and alarm actions of
 * the users they follow, newest first. Reads local projections only (posts, and alarm changes consumed from
 * plant.alarms), so the alert path never waits for it.
 */
@ApplicationScoped
public class FeedService {

    private final FollowService follows;
    private final PostRepository posts;
    private final AlarmChangeRepository alarmChanges;
    private final UserService users;
    private final AuthConfig config;

    public FeedService(FollowService follows, PostRepository posts, AlarmChangeRepository alarmChanges,
            UserService users, AuthConfig config) {
        this.follows = follows;
        this.posts = posts;
        this.alarmChanges = alarmChanges;
        this.users = users;
        this.config = config;
    }

    /** Up to {@code limit} items older than {@code before} (page by passing the last item's time). */
    public List<FeedItem> feed(String userId, Instant before, int limit) {
        Set<String> devices = new HashSet<>();
        Set<String> sites = new HashSet<>();
        Set<String> userIds = new HashSet<>();
        for (Follow f : follows.of(userId)) {
            switch (f.targetKind()) {
                case "DEVICE" -> devices.add(f.targetId());
                case "SITE" -> sites.add(f.targetId());
                case "USER" -> userIds.add(f.targetId());
                default -> {
                    // a kind this version does not know: nothing to show for it
                }
            }
        }
        Set<String> usernames = new HashSet<>();
        for (String id : userIds) {
            users.byId(id).map(User::username).ifPresent(usernames::add);
        }
        Instant until = before == null ? Instant.now().plusSeconds(1) : before;
        List<FeedItem> items = new ArrayList<>();
        for (PostEntity p : posts.followed(devices, sites, userIds, until, limit)) {
            items.add(new FeedItem("post", p.createdAt, Post.of(p), null));
        }
        for (AlarmChangeEntity a : alarmChanges.followed(devices, sites, usernames, until, limit)) {
            items.add(new FeedItem("alarm", a.at, null, FeedItem.AlarmChange.of(a)));
        }
        items.sort(Comparator.comparing(FeedItem::at).reversed());
        return items.size() > limit ? List.copyOf(items.subList(0, limit)) : items;
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropOldAlarmChanges() {
        alarmChanges.deleteOlderThan(Instant.now().minus(config.feed().alarmRetention()));
    }
}
