package io.plantwatch.report.stats.service;

import io.plantwatch.report.device.service.DeviceDirectory;
import io.plantwatch.report.reading.model.Aggregate;
import io.plantwatch.report.reading.model.BucketKeys;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Percentiles, running statistics, energy integration, power units and bucket keys (pure logic). */
class StatisticsMathTest {

    @Test
    void percentileInterpolatesLikeNumpy() {
        double[] sorted = new double[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(95.05, Percentiles.linear(sorted, 0.95), 1e-12);
        assertEquals(50.5, Percentiles.linear(sorted, 0.5), 1e-12);
        assertEquals(7.0, Percentiles.linear(new double[] {7}, 0.95));
        assertEquals(3.0, Percentiles.weighted(new double[] {1, 2, 3}, new long[] {10, 80, 10}, 0.95));
        assertEquals(2.0, Percentiles.weighted(new double[] {1, 2, 3}, new long[] {10, 85, 5}, 0.95));
    }

    @Test
    void accumulatorAndRollupsAgree() {
        ChannelAccumulator acc = new ChannelAccumulator();
        Aggregate rollup = new Aggregate();
        double[] values = {2, 4, 4, 4, 5, 5, 7, 9};
        for (int i = 0; i < values.length; i++) {
            acc.add(i * 1000L, values[i], 60_000);
            rollup.add(values[i]);
        }
        assertEquals(5.0, acc.mean());
        assertEquals(2.0, acc.stddev(), 1e-12);
        assertEquals(2.0, rollup.stddev(), 1e-12);
        assertEquals(rollup.mean(), acc.mean());
    }

    @Test
    void energyIsTheTrapezoidIntegralSkippingGaps() {
        ChannelAccumulator acc = new ChannelAccumulator();
        long gap = 15 * 60_000L;
        acc.add(0, 1000, gap);              // 1 kW ...
        acc.add(1_800_000, 3000, gap);      // ... to 3 kW over 30 min is not integrated (gap > 15 min)
        acc.add(2_400_000, 3000, gap);      // 3 kW for 10 min: 0.5 kWh
        acc.add(3_000_000, 1000, gap);      // 3 → 1 kW over 10 min: 2 kW avg, 0.333 kWh
        assertEquals(3000 * (10 / 60.0) + 2000 * (10 / 60.0), acc.integralValueHours(), 1e-9);
    }

    @Test
    void powerChannelsByUnitOrName() {
        assertEquals(0.001, DeviceDirectory.kilowattFactor("p1", "W"));
        assertEquals(1.0, DeviceDirectory.kilowattFactor("p1", "kW"));
        assertEquals(1000.0, DeviceDirectory.kilowattFactor("p1", "MW"));
        assertNull(DeviceDirectory.kilowattFactor("power", "V"));
        assertEquals(0.001, DeviceDirectory.kilowattFactor("activePower", null));
        assertEquals(1.0, DeviceDirectory.kilowattFactor("power_kW", null));
        assertNull(DeviceDirectory.kilowattFactor("voltage", null));
    }

    @Test
    void channelNamesSurviveAsFieldNames() {
        for (String name : new String[] {"a.b", "$x", "~y", "plain", "x.y.z"}) {
            String field = BucketKeys.field(name);
            assertEquals(-1, field.indexOf('.'));
            assertEquals(name, BucketKeys.channel(field));
        }
        long ts = java.time.Instant.parse("2026-11-23T08:17:42.123Z").toEpochMilli();
        assertEquals(17, BucketKeys.minuteOfHour(ts));
        assertEquals(42_123, BucketKeys.msOfMinute(ts));
        assertEquals(8, BucketKeys.hourOfDay(ts));
        assertEquals("pump-1|" + java.time.Instant.parse("2026-11-23T08:00:00Z").getEpochSecond(),
                BucketKeys.hourId("pump-1", BucketKeys.hourStart(ts)));
    }
}
