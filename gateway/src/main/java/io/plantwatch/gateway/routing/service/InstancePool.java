package io.plantwatch.gateway.routing.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The instances of one service, taken in turn (round robin). A service address in the configuration may be a
 * comma-separated list of base URLs ({@code http://127.0.0.1:8082,http://127.0.0.1:8182}); one URL is a pool of one.
 *
 * @param <T> how an instance is addressed (a socket address for the proxy)
 */
public final class InstancePool<T> {

    private final List<T> instances;
    private final AtomicInteger next = new AtomicInteger();

    private InstancePool(List<T> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a service needs at least one instance");
        }
        this.instances = List.copyOf(instances);
    }

    /** The pool of the base URLs in {@code commaSeparatedUrls}, each turned into an address by {@code address}. */
    public static <T> InstancePool<T> of(String commaSeparatedUrls, Function<String, T> address) {
        return new InstancePool<>(urls(commaSeparatedUrls).stream().map(address).toList());
    }

    /** The base URLs of a comma-separated list, trimmed, without empty entries and without a trailing slash. */
    public static List<String> urls(String commaSeparatedUrls) {
        List<String> urls = new ArrayList<>();
        for (String part : commaSeparatedUrls == null ? new String[0] : commaSeparatedUrls.split(",")) {
            String url = part.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            if (!url.isEmpty()) {
                urls.add(url);
            }
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no service URL in '" + commaSeparatedUrls + "'");
        }
        return urls;
    }

    public int size() {
        return instances.size();
    }

    /**
     * Every instance once, starting with the one whose turn it is: the first is the one to call, the others are
     * where a call goes when the earlier ones cannot be reached. Each call advances the turn by one.
     */
    public List<T> rotation() {
        int n = instances.size();
        if (n == 1) {
            return instances;
        }
        int start = Math.floorMod(next.getAndIncrement(), n);
        List<T> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(instances.get((start + i) % n));
        }
        return order;
    }
}
