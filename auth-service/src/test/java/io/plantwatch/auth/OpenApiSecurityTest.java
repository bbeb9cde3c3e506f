package io.plantwatch.auth;

import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operation of auth-service declares its roles in the OpenAPI document (the gateway's authorization
 * matrix test reads them from there), except the endpoints that are public by design.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(KafkaTestResource.class)
class OpenApiSecurityTest {

    static final Set<String> PUBLIC = Set.of("POST /api/v1/auth/register", "POST /api/v1/auth/login",
            "POST /api/v1/auth/refresh", "POST /api/v1/auth/logout", "GET /api/v1/auth/jwks",
            "POST /api/v1/auth/device-token");

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDeclaresItsRolesOrIsPublicByDesign() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        Files.writeString(Path.of("target", "auth-openapi.json"), json);
        Map<String, Map<String, Object>> paths = JsonPath.from(json).getMap("paths");
        List<String> unsecured = new ArrayList<>();
        List<String> publicFound = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                if (!Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                operations++;
                String name = op.getKey().toUpperCase() + " " + path.getKey();
                List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) ((Map<String, Object>) op
                        .getValue()).get("security");
                boolean hasRoles = security != null && security.stream()
                        .anyMatch(s -> s.values().stream().anyMatch(roles -> !roles.isEmpty()));
                if (PUBLIC.contains(name)) {
                    publicFound.add(name);
                    assertTrue(security == null || security.isEmpty(), name + " is public by design but declares " + security);
                } else if (!hasRoles) {
                    unsecured.add(name);
                }
            }
        }
        assertTrue(operations > 20, "expected the whole API, found " + operations + " operations");
        assertEquals(List.of(), unsecured, "operations without @RolesAllowed");
        assertEquals(PUBLIC, Set.copyOf(publicFound));
    }
}
