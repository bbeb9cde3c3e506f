package io.plantwatch.detection.model;

import io.plantwatch.detection.model.repository.ModelEntity;
import io.plantwatch.detection.model.repository.ModelStore;
import io.plantwatch.detection.model.service.ModelRegistry;
import io.plantwatch.detection.model.service.ModelTrainer;
import io.plantwatch.detection.model.service.PresetModels;
import io.plantwatch.detection.support.Api;
import io.plantwatch.detection.support.ReportStubResource;
import io.plantwatch.local.testing.JwtTestResource;
import io.plantwatch.local.testing.KafkaTestResource;
import io.plantwatch.local.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trainings left QUEUED/TRAINING by an instance that died (its lease ran out) are claimed by a live instance and
 * resumed from their stored rows, or marked FAILED with the reason when they cannot be; a job whose lease is still
 * held elsewhere is left alone, and of several instances claiming one job at once exactly one gets it. The dead
 * instance is simulated by the state it leaves in MongoDB (the cross-process kill is proven in deploy/e2e).
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(ReportStubResource.class)
class TrainingRecoveryTest {

    static final List<String> PUMP = List.of("pressure", "flow", "current", "vibration", "temperature");

    @Inject
    ModelStore store;
    @Inject
    ModelRegistry registry;

    /** A training as a process leaves it when killed mid-way: TRAINING at 40 %, with its input stored or not. */
    private ModelEntity leftBehind(String owner, Instant leaseUntil, int attempts, boolean withInput) {
        ModelEntity m = new ModelEntity();
        m.id = "recover-" + UUID.randomUUID();
        m.family = m.id;
        m.version = 1;
        m.name = "interrupted pump model";
        m.deviceId = "pump-recover";
        m.channels = PUMP;
        m.algorithm = "mewma";
        m.hyperparameters = "{}";
        m.owner = "admin";
        m.visibility = ModelRegistry.SITE;
        m.status = "TRAINING";
        m.progress = 40;
        m.createdAt = Instant.now().minusSeconds(60);
        m.dataSource = "upload";
        m.fileName = "pump.csv";
        m.leaseOwner = owner;
        m.leaseUntil = leaseUntil;
        m.attempts = attempts;
        if (withInput) {
            double[][] rows = PresetModels.pump(600, 5);
            long[] ts = new long[rows.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = 1_770_000_000_000L + i * 1000L;
            }
            m.inputChunks = store.writeInput(m.id, new ModelTrainer.Rows(rows, ts).toBytes(), 4096);
        }
        store.insert(m);
        return m;
    }

    private static JsonPath model(String id) {
        return Api.asAdmin().get("/api/v1/models/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void trainingsOfADeadInstanceAreResumedOrFailedNeverLeftTraining() {
        Instant expired = Instant.now().minusSeconds(5);
        ModelEntity resumable = leftBehind("4242@dead-host/aaaa", expired, 1, true);
        ModelEntity noData = leftBehind("4242@dead-host/aaaa", expired, 1, false);
        ModelEntity tooOften = leftBehind("4242@dead-host/aaaa", expired, 3, true);
        ModelEntity heldElsewhere = leftBehind("77@live-host/bbbb", Instant.now().plus(Duration.ofMinutes(10)), 1,
                true);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath m = model(resumable.id);
            assertEquals("READY", m.getString("status"));
            assertEquals(100, m.getInt("progress"));
            assertEquals(2, m.getInt("job.attempts"));
            assertEquals("interrupted, retrying (attempt 2)", m.getString("job.interruption"));
            assertEquals(registry.instanceId(), m.getString("job.leaseOwner"));
            assertTrue(m.getInt("metrics.samples") == 600 && m.getDouble("metrics.threshold") > 0, m.prettify());
        });
        assertTrue(resumable.inputChunks > 1, "the input was stored in chunks");
        assertEquals(null, store.readInput(resumable.id, resumable.inputChunks), "the input is removed once READY");

        JsonPath failed = model(noData.id);
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("failureReason").startsWith("training interrupted before its data were loaded"),
                failed.getString("failureReason"));
        failed = model(tooOften.id);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals("training interrupted 3 times (its instance stopped); not retried",
                failed.getString("failureReason"));

        // the passes that took the others over saw this one too: a live lease is not taken
        JsonPath untouched = model(heldElsewhere.id);
        assertEquals("TRAINING", untouched.getString("status"));
        assertEquals("77@live-host/bbbb", untouched.getString("job.leaseOwner"));
        assertEquals(1, untouched.getInt("job.attempts"));
    }

    @Test
    void ofSeveralInstancesClaimingOneAbandonedJobExactlyOneGetsIt() throws Exception {
        // leased for 10 min (this instance's timer leaves it alone); the claimants judge it at a later "now"
        ModelEntity job = leftBehind("4242@dead-host/cccc", Instant.now().plus(Duration.ofMinutes(10)), 1, true);
        Instant later = Instant.now().plus(Duration.ofMinutes(20));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<ModelEntity>> claims = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String owner = "instance-" + i;
                claims.add(() -> store.claim(job.id, owner, later, later.plusSeconds(30)));
            }
            List<ModelEntity> won = new ArrayList<>();
            for (Future<ModelEntity> f : pool.invokeAll(claims, 30, TimeUnit.SECONDS)) {
                if (f.get() != null) {
                    won.add(f.get());
                }
            }
            assertEquals(1, won.size(), "exactly one claim succeeds");
            ModelEntity stored = store.findById(job.id);
            assertNotNull(stored);
            assertEquals(won.get(0).leaseOwner, stored.leaseOwner);
            assertEquals(2, stored.attempts);
            assertEquals("QUEUED", stored.status);
        } finally {
            pool.shutdownNow();
            store.set(job.id, com.mongodb.client.model.Updates.set("status", "FAILED")); // not for the timer
        }
    }
}
