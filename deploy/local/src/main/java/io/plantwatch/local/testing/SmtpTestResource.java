package io.plantwatch.local.testing;

import com.icegreen.greenmail.util.GreenMail;
import io.plantwatch.local.infra.MailCatcher;
import io.plantwatch.local.process.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real SMTP server (GreenMail, in the test JVM so tests can read what arrived) wired into quarkus-mailer
 * with mock mode off.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile MailCatcher current;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        port = FreePorts.next();
        current = MailCatcher.start(port);
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.login", "DISABLED",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.from", "plantwatch@localhost");
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    public static GreenMail greenMail() {
        return current.greenMail();
    }

    public static MailCatcher mail() {
        return current;
    }

    /** Stops the SMTP server (to test that nothing is lost while it is down). */
    public static void stopServer() {
        current.close();
    }

    /** Starts it again on the same port; messages received before are gone. */
    public static void restartServer() {
        current = MailCatcher.start(port);
    }
}
