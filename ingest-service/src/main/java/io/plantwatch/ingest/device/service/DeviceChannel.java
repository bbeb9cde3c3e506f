package io.plantwatch.ingest.device.service;

/**
 * One measured quantity of a device.
 *
 * @param name                  channel name as in readings ("pressure")
 * @param unit                  unit for people ("bar"), or null
 * @param address               tag of polled protocols: Modbus "holding-register:1", OPC UA "ns=2;s=Pump/Pressure",
 *                              S7 "%DB1.DBD0"; null for pushed protocols
 * @param dataType              raw encoding of polled values
 * @param wordOrder             ABCD (big-endian words) or CDAB (word-swapped) for 32/64-bit Modbus values
 * @param scale                 value = raw × scale + offset
 * @param offset                see scale
 * @param validLow              lowest physically valid value (below: quality BAD), or null
 * @param validHigh             highest physically valid value, or null
 * @param alarmLow              low alarm limit for detection, or null
 * @param alarmHigh             high alarm limit for detection, or null
 * @param expectedPeriodSeconds expected seconds between samples, or null
 */
public record DeviceChannel(String name, String unit, String address, DataType dataType, WordOrder wordOrder,
        double scale, double offset, Double validLow, Double validHigh, Double alarmLow, Double alarmHigh,
        Double expectedPeriodSeconds) {

    /** A pushed channel with only a name (discovery mode). */
    public static DeviceChannel named(String name) {
        return new DeviceChannel(name, null, null, null, null, 1.0, 0.0, null, null, null, null, null);
    }

    /** True when {@code value} lies inside the valid range (an open bound accepts everything). */
    public boolean valid(double value) {
        return (validLow == null || value >= validLow) && (validHigh == null || value <= validHigh);
    }

    /** Raw PLC value to engineering value. */
    public double engineering(double raw) {
        return raw * scale + offset;
    }

    /** Word order of multi-register values. */
    public enum WordOrder {
        /** High word first (Modbus default, big-endian). */
        ABCD,
        /** Low word first (word-swapped), common on Schneider and some meters. */
        CDAB
    }
}
