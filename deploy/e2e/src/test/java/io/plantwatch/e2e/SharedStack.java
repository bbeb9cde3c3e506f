package io.plantwatch.e2e;

import io.plantwatch.local.stack.LocalStack;
import io.plantwatch.local.stack.Service;
import io.plantwatch.local.stack.StackConfig;
import io.restassured.http.ContentType;

import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * One PlantWatch stack for all end-to-end test classes of this module (starting one costs ~30-60 s): started by
 * the same code as ./plantwatch up, with the simulators on, on free ports, stopped when the test JVM exits.
 * Tests must therefore scope their assertions to their own devices and users.
 */
public final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("plantwatch.root", "../..")).toAbsolutePath().normalize();
            Path dataDir = root.resolve("deploy/e2e/target/e2e-stack");
            io.plantwatch.local.stack.DataDirectory.clear(dataDir); // every run starts from an empty plant: users and devices of a previous run would clash
            LocalStack started = new LocalStack(StackConfig.forTest(root, dataDir, true, Map.of()));
            Runtime.getRuntime().addShutdownHook(new Thread(started::down));
            started.up();
            stack = started;
        }
        return stack;
    }

    public static String gatewayUrl() {
        return get().config().url(Service.GATEWAY);
    }

    /** An access token of the bootstrap admin. */
    public static String adminToken() {
        return login("admin", get().secrets().adminPassword());
    }

    public static String login(String login, String password) {
        return given().baseUri(gatewayUrl()).contentType(ContentType.JSON)
                .body(Map.of("login", login, "password", password))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
    }
}
