package io.plantwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plantwatch.local.keys.JwtKeyFiles;
import io.plantwatch.local.stack.Service;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The authorization matrix at the gateway: every operation of every service's OpenAPI document (so a new endpoint
 * cannot escape), called through the gateway as no token, an expired token, a tampered signature, a wrong issuer,
 * viewer, operator, admin and device. The four bad credentials must get 401; a role outside the operation's
 * {@code @RolesAllowed} (published as the operation's security scopes) 403; an allowed role neither 401 nor 403
 * (a 400/404/409 for the dummy input is fine). Operations public by design are listed here explicitly.
 *
 * <p>Inputs are chosen so that no call changes real state: path parameters name things that do not exist, and a
 * request body is malformed JSON (refused with 400 after the role check, before the operation runs). Operations
 * without a body that act on the whole system (e.g. stopping detection) do run for allowed roles, so this class
 * runs after the other end-to-end classes ({@code @Order}, see junit-platform.properties).
 */
@Order(Integer.MAX_VALUE)
class AuthorizationMatrixE2ETest {

    /** Operations anyone may call (no token needed), by design. */
    static final Set<String> PUBLIC = Set.of(
            "POST /api/v1/auth/register",
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/logout",
            "GET /api/v1/auth/jwks",
            "POST /api/v1/auth/device-token",
            // the gateway's merged API description: the same as every service's public /q/openapi
            "GET /api/openapi.json");

    static final String DEVICE = "matrix-device";
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static final Set<Caller> BAD_CREDENTIALS = Set.of(Caller.NONE, Caller.EXPIRED, Caller.TAMPERED, Caller.WRONG_ISSUER);

    /** Who calls. */
    enum Caller {
        NONE, EXPIRED, TAMPERED, WRONG_ISSUER, VIEWER, OPERATOR, ADMIN, DEVICE;

        String role() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One operation of a service's OpenAPI document. */
    record Operation(Service service, String method, String path, Set<String> roles, String bodyType) {
        String name() {
            return method + " " + path;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Caller, String> TOKENS = new EnumMap<>(Caller.class);
    private static List<Operation> operations;

    @BeforeAll
    static void readTheApi() throws Exception {
        SharedStack.get();
        signTokens();
        operations = new ArrayList<>();
        for (Service service : Service.values()) {
            operations.addAll(operationsOf(service));
        }
    }

    @Test
    void theApiIsReadFromEveryServiceAndPublicOperationsAreExactlyTheListedOnes() {
        Set<Service> services = new TreeSet<>();
        operations.forEach(op -> services.add(op.service()));
        assertTrue(services.containsAll(Set.of(Service.AUTH, Service.INGEST, Service.ALERT, Service.REPORT)),
                "operations found for " + services);
        Set<String> unsecured = new TreeSet<>();
        Set<String> publicFound = new TreeSet<>();
        for (Operation op : operations) {
            if (PUBLIC.contains(op.name())) {
                publicFound.add(op.name());
            } else if (op.roles().isEmpty()) {
                unsecured.add(op.service().module() + ": " + op.name());
            }
        }
        assertEquals(Set.of(), unsecured, "operations that declare no roles (@RolesAllowed missing) and are not public"
                + " by design");
        assertEquals(new TreeSet<>(PUBLIC), publicFound, "public-by-design operations present in the API");
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersEveryCallerExactly() {
        return operations.stream().map(op -> DynamicTest.dynamicTest(op.service().module() + " " + op.name(),
                () -> checkOperation(op)));
    }

    private static void checkOperation(Operation op) throws Exception {
        List<String> wrong = new ArrayList<>();
        boolean isPublic = PUBLIC.contains(op.name());
        for (Caller caller : Caller.values()) {
            int status = call(op, caller);
            String verdict = expectation(op, caller, isPublic, status);
            if (verdict != null) {
                wrong.add(caller + " got " + status + ", expected " + verdict);
            }
        }
        assertTrue(wrong.isEmpty(), op.name() + " (roles " + op.roles() + "): " + String.join("; ", wrong));
    }

    /** Null when {@code status} is right for this caller, else what was expected. */
    static String expectation(Operation op, Caller caller, boolean isPublic, int status) {
        if (BAD_CREDENTIALS.contains(caller) && !(isPublic && caller == Caller.NONE)) {
            // a bad credential is refused everywhere, even on public operations; no credential only where needed
            return status == 401 ? null : "401";
        }
        boolean allowed = isPublic || op.roles().contains(caller.role());
        if (allowed) {
            return status != 401 && status != 403 && status < 500 ? null : "neither 401/403 nor 5xx (role allowed)";
        }
        return status == 403 ? null : "403 (role not allowed)";
    }

    private static int call(Operation op, Caller caller) throws Exception {
        String path = op.path().replaceAll("\\{[^}]+}", "matrix-none-" + caller.role());
        // through the gateway, which routes /api/v1/**; anything else a service serves is called on its own port
        String base = path.startsWith("/api/v1/") ? SharedStack.gatewayUrl() : SharedStack.get().config().url(op.service());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + encodePath(path)))
                .timeout(Duration.ofSeconds(30));
        if (TOKENS.containsKey(caller)) {
            request.header("Authorization", "Bearer " + TOKENS.get(caller));
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (op.bodyType() != null) {
            // malformed on purpose: refused before the operation runs, so nothing changes
            body = HttpRequest.BodyPublishers.ofString(op.bodyType().contains("json") ? "{\"matrix\":" : "matrix");
            request.header("Content-Type", op.bodyType());
        }
        request.method(op.method(), body);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            // status only: streaming answers (SSE) never end
            response.body().close();
            int status = response.statusCode();
            boolean transientAnswer = status == 429 || status == 503;
            if (!transientAnswer || System.nanoTime() > deadline) {
                return status;
            }
            long wait = response.headers().firstValue("Retry-After").map(AuthorizationMatrixE2ETest::seconds).orElse(1L);
            Thread.sleep(Math.min(5, Math.max(1, wait)) * 1000);
        }
    }

    private static long seconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (out.length() > 0 || path.startsWith("/")) {
                out.append(out.length() == 0 && segment.isEmpty() ? "" : "/");
            }
            out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return out.toString();
    }

    /** The operations of one service, from its own OpenAPI document; roles are the operation's security scopes. */
    static List<Operation> operationsOf(Service service) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                SharedStack.get().config().url(service) + "/q/openapi?format=json")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), service.module() + " serves no OpenAPI document");
        JsonNode paths = JSON.readTree(response.body()).path("paths");
        List<Operation> result = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                Set<String> roles = new LinkedHashSet<>();
                for (JsonNode requirement : op.getValue().path("security")) {
                    requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText())));
                }
                String bodyType = null;
                JsonNode content = op.getValue().path("requestBody").path("content");
                if (content.isObject() && content.fieldNames().hasNext()) {
                    bodyType = content.fieldNames().next();
                    if (bodyType.contains("*")) {
                        bodyType = "application/json";
                    }
                }
                result.add(new Operation(service, op.getKey().toUpperCase(Locale.ROOT), path.getKey(), roles, bodyType));
            }
        }
        return result;
    }

    /**
     * Tokens signed with the stack's key, shaped like auth-service's; {@code kid} is the key's RFC 7638 thumbprint,
     * the id auth-service gives the key it imports, so they verify through the JWKS like real tokens.
     */
    static void signTokens() throws Exception {
        JwtKeyFiles keys = SharedStack.get().secrets().jwtKeys();
        PrivateKey privateKey = keys.loadPrivateKey();
        String pem = Files.readString(keys.publicKey()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        String kid = new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
        for (Caller role : List.of(Caller.VIEWER, Caller.OPERATOR, Caller.ADMIN)) {
            TOKENS.put(role, sign(user("matrix-" + role.role(), role.role()), kid, privateKey));
        }
        TOKENS.put(Caller.DEVICE, sign(Jwt.issuer(JwtKeyFiles.ISSUER).upn("device:" + DEVICE).subject("device:" + DEVICE)
                .groups(Set.of("device")).claim("deviceId", DEVICE).expiresIn(Duration.ofMinutes(30)), kid, privateKey));
        Instant past = Instant.now().minus(Duration.ofHours(2));
        TOKENS.put(Caller.EXPIRED, sign(user("matrix-admin", "admin").issuedAt(past)
                .expiresAt(past.plus(Duration.ofMinutes(15))), kid, privateKey));
        TOKENS.put(Caller.WRONG_ISSUER, sign(Jwt.issuer("https://attacker.example").upn("matrix-admin")
                .subject("matrix-admin").groups(Set.of("admin")).expiresIn(Duration.ofMinutes(15)), kid, privateKey));
        String valid = TOKENS.get(Caller.VIEWER);
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"viewer\"", "\"admin\"").getBytes(StandardCharsets.UTF_8));
        TOKENS.put(Caller.TAMPERED, String.join(".", parts));
    }

    private static JwtClaimsBuilder user(String name, String role) {
        return Jwt.issuer(JwtKeyFiles.ISSUER).upn(name).subject(name).groups(Set.of(role)).claim("uid", name)
                .expiresIn(Duration.ofMinutes(30));
    }

    private static String sign(JwtClaimsBuilder claims, String kid, PrivateKey key) {
        return claims.jws().keyId(kid).sign(key);
    }
}
