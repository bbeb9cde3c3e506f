package io.plantwatch.detection.support;

import io.plantwatch.detection.configuration.service.ConfigMerger;
import io.plantwatch.detection.detector.DetectorConfig;
import io.plantwatch.local.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** Requests as the three human roles. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification asOperator() {
        return given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON);
    }

    /** The configuration the live engine uses for a device, as GET /detection/config/{id} reports it. */
    public static DetectorConfig effectiveConfig(String deviceId) {
        String body = asViewer().get("/api/v1/detection/config/" + deviceId).then().statusCode(200).extract()
                .asString();
        try {
            return ConfigMerger.mapper().treeToValue(ConfigMerger.mapper().readTree(body).get("effective"),
                    DetectorConfig.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification asViewer() {
        return given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON);
    }
}
