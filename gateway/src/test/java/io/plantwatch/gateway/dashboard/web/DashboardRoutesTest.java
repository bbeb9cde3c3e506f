package io.plantwatch.gateway.dashboard.web;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardRoutesTest {

    @Test
    void dashboardDeepLinksAreServedAsTheDashboard() {
        assertTrue(DashboardRoutes.isPage(HttpMethod.GET, "/alarms"));
        assertTrue(DashboardRoutes.isPage(HttpMethod.GET, "/alarms/sim-pump-1|pressure|OUT_OF_RANGE#2"));
        assertTrue(DashboardRoutes.isPage(HttpMethod.GET, "/devices/line.3.pump"));
        assertTrue(DashboardRoutes.isPage(HttpMethod.HEAD, "/reports"));
        assertTrue(DashboardRoutes.isPage(HttpMethod.GET, "/admin"));
    }

    @Test
    void apiFilesAndOtherMethodsAreLeftAlone() {
        assertFalse(DashboardRoutes.isPage(HttpMethod.GET, "/api/v1/alarms"));
        assertFalse(DashboardRoutes.isPage(HttpMethod.GET, "/api/docs"));
        assertFalse(DashboardRoutes.isPage(HttpMethod.GET, "/q/health"));
        assertFalse(DashboardRoutes.isPage(HttpMethod.GET, "/assets/index-abc.js"));
        assertFalse(DashboardRoutes.isPage(HttpMethod.GET, "/"));
        assertFalse(DashboardRoutes.isPage(HttpMethod.GET, "/alarmsx"));
        assertFalse(DashboardRoutes.isPage(HttpMethod.POST, "/alarms"));
        assertFalse(DashboardRoutes.isPage(HttpMethod.GET, null));
    }
}
