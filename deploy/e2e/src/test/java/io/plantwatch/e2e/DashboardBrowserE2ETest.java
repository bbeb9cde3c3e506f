package io.plantwatch.e2e;

import io.plantwatch.local.stack.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The web dashboard in a real browser: Debian's chromium, driven by npm playwright-core
 * (gateway/src/main/webui/tests/browser-scenario.mjs), against the stack started by the code of ./plantwatch up.
 * The scenario logs in, sees the simulated devices, watches a chart grow, injects a fault and sees its alarm appear
 * live, acknowledges it as an operator, checks that a viewer has no acknowledge button and downloads the PDF report.
 * Screenshots of every page land in deploy/e2e/target/screenshots/.
 */
class DashboardBrowserE2ETest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> PAGES = List.of("01-login", "02-overview", "03-device", "04-alarms",
            "05-alarm-acknowledged", "06-viewer-alarms", "07-reports", "08-logbook", "09-models", "10-admin",
            "11-overview-light");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void browserScenarioPasses() throws Exception {
        Path root = Path.of(System.getProperty("plantwatch.root", "../..")).toAbsolutePath().normalize();
        Path webui = root.resolve("gateway/src/main/webui");
        Path script = webui.resolve("tests/browser-scenario.mjs");
        if (!Files.isExecutable(CHROMIUM)) {
            fail("Debian's chromium is needed for the dashboard test and is missing: run ./plantwatch test as root, "
                    + "or install it with 'sudo apt-get install -y chromium chromium-driver'");
        }
        if (!Files.isDirectory(webui.resolve("node_modules/playwright-core"))) {
            fail("npm packages of the dashboard are missing (" + webui.resolve("node_modules") + "): build the gateway "
                    + "first (mvn package runs 'npm ci' through Quinoa), or run 'npm ci' in gateway/src/main/webui");
        }
        Path target = root.resolve("deploy/e2e/target");
        Path shots = target.resolve("screenshots");
        Files.createDirectories(shots);
        for (String page : PAGES) {
            Files.deleteIfExists(shots.resolve(page + ".png"));
        }
        Files.deleteIfExists(shots.resolve("report.pdf"));

        String gateway = SharedStack.get().config().url(Service.GATEWAY);
        Path log = target.resolve("browser-scenario.log");
        ProcessBuilder node = new ProcessBuilder("node", script.toString())
                .directory(webui.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("PW_GATEWAY_URL", gateway);
        node.environment().put("PW_ADMIN_USER", "admin");
        node.environment().put("PW_ADMIN_PASSWORD", SharedStack.get().secrets().adminPassword());
        node.environment().put("PW_SCREENSHOTS", shots.toString());
        node.environment().put("PW_CHROMIUM", CHROMIUM.toString());
        Process process = node.start();
        if (!process.waitFor(170, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("browser scenario did not finish in 170 s; log:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertEquals(0, process.exitValue(), "browser scenario failed:\n" + output);
        assertTrue(output.contains("browser scenario passed"), output);

        for (String page : PAGES) {
            Path png = shots.resolve(page + ".png");
            assertTrue(Files.exists(png), "no screenshot " + png);
            byte[] head = readHead(png, 4);
            assertTrue(java.util.Arrays.equals(PNG, head), png + " is not a PNG");
            assertTrue(Files.size(png) > 20_000, png + " is suspiciously small (" + Files.size(png) + " bytes): a blank page?");
        }
        Path pdf = shots.resolve("report.pdf");
        assertEquals("%PDF-", new String(readHead(pdf, 5), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(Files.size(pdf) > 1_000, "PDF report too small: " + Files.size(pdf) + " bytes");
    }

    private static byte[] readHead(Path file, int n) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }
}
