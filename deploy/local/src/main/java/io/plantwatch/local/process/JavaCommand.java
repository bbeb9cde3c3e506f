package io.plantwatch.local.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java} command lines: for infrastructure processes and for service JARs. */
public final class JavaCommand {

    private JavaCommand() {
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Classpath of the infrastructure processes: this library plus its (optional) broker dependencies,
     * written at build time by the maven-dependency-plugin.
     */
    public static String infraClasspath() {
        try (InputStream in = JavaCommand.class.getResourceAsStream("/io/plantwatch/local/infra.classpath")) {
            if (in == null) {
                throw new IllegalStateException("infra.classpath missing: build deploy/local with Maven first");
            }
            String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            Path self = Path.of(JavaCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return self + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code java [jvmOptions] -cp infraClasspath mainClass args}. */
    public static List<String> infra(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(infraClasspath());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }
}
