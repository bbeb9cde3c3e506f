package io.plantwatch.gateway.routing.web;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body that fails with {@link BodyTooLargeException} once more than {@code limit} bytes have passed: the
 * limit for bodies sent without a Content-Length (chunked), which cannot be checked before they arrive.
 */
final class LimitedReadStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long limit;
    private long seen;
    private boolean failed;
    private Handler<Throwable> exceptionHandler;

    LimitedReadStream(ReadStream<Buffer> source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    /** Whether more than the limit arrived (whatever error the upstream call then reported). */
    boolean exceeded() {
        return failed;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (failed) {
                return;
            }
            seen += chunk.length();
            if (seen > limit) {
                failed = true;
                source.pause();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(new BodyTooLargeException(limit));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        if (!failed) {
            source.resume();
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        if (!failed) {
            source.fetch(amount);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : v -> {
            if (!failed) {
                endHandler.handle(v);
            }
        });
        return this;
    }
}
