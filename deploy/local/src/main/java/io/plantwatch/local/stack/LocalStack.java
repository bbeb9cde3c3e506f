package io.plantwatch.local.stack;

import io.plantwatch.local.infra.InfraProcesses;
import io.plantwatch.local.infra.Mosquitto;
import io.plantwatch.local.keys.JwtKeyFiles;
import io.plantwatch.local.process.JavaCommand;
import io.plantwatch.local.process.ManagedProcess;
import io.plantwatch.local.process.Readiness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole PlantWatch stack as separate processes: embedded infrastructure (Kafka, MongoDB wire server,
 * Mosquitto, SMTP with a mail viewer) and the six services. Used by {@code ./plantwatch up|down|status} and by
 * the end-to-end tests, so that tests run exactly what people run.
 */
public final class LocalStack {

    /** Infrastructure component names, in start order; services follow. */
    public static final List<String> INFRA = List.of("kafka", "mongo", "mail", "mosquitto");

    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(180);

    private final StackConfig config;
    private final Map<String, ManagedProcess> processes = new java.util.concurrent.ConcurrentHashMap<>();
    /** One thread per component being started: starting is waiting, not computing. */
    private final java.util.concurrent.ExecutorService starter = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "plantwatch-start");
        t.setDaemon(true);
        return t;
    });
    private StackSecrets secrets;
    /** Instances beyond the first of a service (scale-out tests): name → its service and HTTP port. */
    private final Map<String, Instance> extraInstances = new java.util.concurrent.ConcurrentHashMap<>();

    /** One more instance of a service, on its own HTTP port, in the same Kafka consumer groups as the first. */
    public record Instance(String name, Service service, int port) {

        public String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    public LocalStack(StackConfig config) {
        this.config = config;
    }

    public StackConfig config() {
        return config;
    }

    public StackSecrets secrets() {
        return secrets;
    }

    /**
     * Runs {@code count} instances of {@code service} (call before {@link #up()}): the first on the configured port,
     * the others on free ports, named {@code module-2}, {@code module-3}, ... (logs, PID files, {@link #kill},
     * {@link #start}). They share the service's consumer groups, so Kafka spreads the partitions over them, and the
     * gateway gets every instance's URL (comma-separated) and balances between them.
     */
    public synchronized LocalStack withInstances(Service service, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        extraInstances.values().removeIf(i -> i.service() == service);
        for (int n = 2; n <= count; n++) {
            String name = service.module() + "-" + n;
            extraInstances.put(name, new Instance(name, service, io.plantwatch.local.process.FreePorts.next()));
        }
        return this;
    }

    /** The process names of every instance of {@code service}, the first instance's ({@code module}) first. */
    public List<String> instanceNames(Service service) {
        List<String> names = new ArrayList<>();
        names.add(service.module());
        extraInstances.values().stream().filter(i -> i.service() == service).map(Instance::name).sorted()
                .forEach(names::add);
        return names;
    }

    /** Base URL of one instance, by process name. */
    public String instanceUrl(String name) {
        Instance extra = extraInstances.get(name);
        return extra != null ? extra.url() : config.url(Service.byName(name));
    }

    /** Starts what is not running yet and waits until every service's /q/health/ready is green. */
    public synchronized void up() {
        try {
            Files.createDirectories(config.logDir());
            Files.createDirectories(config.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        secrets = StackSecrets.ensure(config.dataDir());
        adoptRunning();
        try {
            List<CompletableFuture<Void>> infra = new ArrayList<>();
            if (config.externalKafka().isEmpty()) {
                infra.add(startAsync("kafka", this::startKafka));
            }
            if (config.externalMongo().isEmpty()) {
                infra.add(startAsync("mongo", this::startMongo));
            }
            infra.add(startAsync("mail", this::startMail));
            infra.add(startAsync("mosquitto", this::startMosquitto));
            join(infra);
            List<CompletableFuture<Void>> services = new ArrayList<>();
            for (Service service : Service.values()) {
                services.add(startAsync(service.module(), () -> startService(service)));
            }
            for (Instance extra : extraInstances.values()) {
                services.add(startAsync(extra.name(), () -> startInstance(extra)));
            }
            join(services);
        } catch (RuntimeException e) {
            down();
            throw e;
        }
    }

    /** Stops every process of the stack, services first, including ones started by an earlier command. */
    public synchronized void down() {
        adoptRunning();
        List<CompletableFuture<Void>> services = new ArrayList<>();
        for (String name : serviceProcessNames()) {
            ManagedProcess p = processes.remove(name);
            if (p != null) {
                services.add(CompletableFuture.runAsync(() -> p.stop(Duration.ofSeconds(15)), starter));
            }
        }
        services.forEach(CompletableFuture::join);
        for (String name : INFRA) {
            ManagedProcess p = processes.remove(name);
            if (p != null) {
                p.stop(Duration.ofSeconds(20));
            }
        }
        stopStrays();
    }

    /**
     * Stops helper processes the services started under this stack's data directory (the simulated Arduino's socat
     * pty pair) that outlived their service: a process whose parent exits is adopted by init, out of reach of
     * {@link ManagedProcess#stop}. "down leaves nothing behind" holds only with this sweep.
     */
    private void stopStrays() {
        String dataDir = config.dataDir().toString();
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.allProcesses()
                .filter(h -> !h.equals(self))
                .filter(h -> h.info().command().map(c -> c.endsWith("/socat")).orElse(false))
                .filter(h -> h.info().commandLine().map(c -> c.contains(dataDir + java.io.File.separator)).orElse(false))
                .forEach(ProcessHandle::destroy);
    }

    /** Name → (pid, alive, ready) of every component, for ./plantwatch status. */
    public synchronized Map<String, String> status() {
        adoptRunning();
        Map<String, String> result = new LinkedHashMap<>();
        for (String name : INFRA) {
            ManagedProcess p = processes.get(name);
            result.put(name, p == null ? "stopped" : "running (pid " + p.pid() + ")");
        }
        for (String name : serviceProcessNames()) {
            ManagedProcess p = processes.get(name);
            String url = instanceUrl(name);
            String state = p == null ? "stopped"
                    : "running (pid " + p.pid() + "), " + (Readiness.httpOk(url + "/q/health/ready")
                            ? "ready" : "not ready") + " at " + url;
            result.put(name, state);
        }
        return result;
    }

    public Optional<ManagedProcess> process(String name) {
        return Optional.ofNullable(processes.get(name));
    }

    /** kill -9 of one component (fault tests). */
    public synchronized void kill(String name) {
        ManagedProcess p = processes.remove(name);
        if (p != null) {
            p.kill();
        }
    }

    /** Graceful stop of one component. */
    public synchronized void stop(String name) {
        ManagedProcess p = processes.remove(name);
        if (p != null) {
            p.stop(Duration.ofSeconds(20));
        }
    }

    /** Starts one stopped component again and waits until it serves. */
    public synchronized void start(String name) {
        switch (name) {
            case "kafka" -> startKafka();
            case "mongo" -> startMongo();
            case "mail" -> startMail();
            case "mosquitto" -> startMosquitto();
            default -> {
                Instance extra = extraInstances.get(name);
                if (extra != null) {
                    startInstance(extra);
                } else {
                    startService(Service.byName(name));
                }
            }
        }
    }

    /** Variables every service process gets: addresses of the infrastructure, keys, ports of the others. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers());
        env.put("MONGO_URI", config.mongoUri());
        env.put("MQTT_HOST", "127.0.0.1");
        env.put("MQTT_PORT", Integer.toString(config.mqttPort()));
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", Integer.toString(config.smtpPort()));
        env.put("MAILER_MOCK", "false");
        env.put("MODBUS_SIM_PORT", Integer.toString(config.modbusSimPort()));
        env.put("PLANTWATCH_SIMULATORS", Boolean.toString(config.simulators()));
        // services verify against auth-service's JWKS (fetched on first use, refreshed on an unknown kid), so a
        // key rotation needs no restart; the PEM pair stays the key auth-service imports as its first signing key
        env.put("JWT_PUBLIC_KEY_LOCATION", config.url(Service.AUTH) + "/api/v1/auth/jwks");
        env.put("JWT_PRIVATE_KEY_LOCATION", secrets.jwtKeys().privateKey().toString());
        env.put("JWT_ISSUER", JwtKeyFiles.ISSUER);
        env.put("ADMIN_PASSWORD_FILE", secrets.adminPasswordFile().toString());
        env.put("PLANTWATCH_DATA", config.dataDir().toString());
        env.put("DASHBOARD_URL", config.url(Service.GATEWAY));
        for (Service s : Service.values()) {
            env.put(s.portVariable(), Integer.toString(config.port(s)));
            env.put(s.urlVariable(), config.url(s));
        }
        env.putAll(config.extraEnvironment());
        return env;
    }

    private void startKafka() {
        Path dir = config.dataDir().resolve("kafka");
        put("kafka", InfraProcesses.kafka(config.kafkaPort(), config.kafkaControllerPort(), dir, log("kafka"),
                pid("kafka")));
    }

    private void startMongo() {
        Path dir = config.dataDir().resolve("mongo");
        put("mongo", InfraProcesses.mongo(config.mongoPort(), dir.resolve("plantwatch.mv"), dir, log("mongo"),
                pid("mongo")));
    }

    private void startMail() {
        put("mail", InfraProcesses.mail(config.smtpPort(), config.mailWebPort(), config.dataDir(), log("mail"),
                pid("mail")));
    }

    private void startMosquitto() {
        put("mosquitto", Mosquitto.start(config.mqttPort(), config.dataDir().resolve("mosquitto"), log("mosquitto"),
                pid("mosquitto")));
    }

    private void startService(Service service) {
        Map<String, String> env = serviceEnvironment();
        if (service == Service.GATEWAY) {
            // the gateway balances over every instance of a scaled-out service
            for (Service s : Service.values()) {
                env.put(s.urlVariable(), String.join(",", instanceNames(s).stream().map(this::instanceUrl).toList()));
            }
        }
        startJar(service, service.module(), config.port(service), env);
    }

    private void startInstance(Instance instance) {
        Map<String, String> env = serviceEnvironment();
        env.put(instance.service().portVariable(), Integer.toString(instance.port()));
        // an MQTT broker disconnects a client when another connects with the same id: each instance needs its own
        env.put("PLANTWATCH_MQTT_CLIENT_ID", "plantwatch-" + instance.name());
        startJar(instance.service(), instance.name(), instance.port(), env);
    }

    private void startJar(Service service, String name, int port, Map<String, String> env) {
        Path app = config.root().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(app)) {
            throw new IllegalStateException(app + " is missing: build first (mvn -DskipTests install)");
        }
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaBinary());
        command.addAll(config.serviceJvmOptions());
        command.add("-jar");
        command.add(app.toString());
        ManagedProcess process = ManagedProcess.start(name, command, env, config.root(), log(name), pid(name));
        put(name, process);
        String ready = "http://127.0.0.1:" + port + "/q/health/ready";
        Readiness.await(name + " (" + ready + ")", SERVICE_READY_TIMEOUT, process, () -> Readiness.httpOk(ready));
    }

    /** Every service process name: the first instance of each service, then the extra instances. */
    private List<String> serviceProcessNames() {
        List<String> names = new ArrayList<>();
        for (Service s : Service.values()) {
            names.add(s.module());
        }
        extraInstances.keySet().stream().sorted().forEach(names::add);
        return names;
    }

    private void put(String name, ManagedProcess process) {
        processes.put(name, process);
    }

    /** Picks up processes recorded in PID files by an earlier command. */
    private void adoptRunning() {
        List<String> names = new ArrayList<>(INFRA);
        names.addAll(serviceProcessNames());
        for (String name : names) {
            if (!processes.containsKey(name) || !processes.get(name).alive()) {
                processes.remove(name);
                ManagedProcess.fromPidFile(name, pid(name), log(name)).filter(ManagedProcess::alive)
                        .ifPresent(p -> processes.put(name, p));
            }
        }
    }

    private CompletableFuture<Void> startAsync(String name, Runnable action) {
        ManagedProcess running = processes.get(name);
        if (running != null && running.alive()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(action, starter);
    }

    private static void join(List<CompletableFuture<Void>> futures) {
        RuntimeException first = null;
        for (CompletableFuture<Void> f : futures) {
            try {
                f.join();
            } catch (CompletionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (first == null) {
                    first = cause;
                } else {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private Path log(String name) {
        return config.logDir().resolve(name + ".log");
    }

    private Path pid(String name) {
        return config.runDir().resolve(name + ".pid");
    }
}
