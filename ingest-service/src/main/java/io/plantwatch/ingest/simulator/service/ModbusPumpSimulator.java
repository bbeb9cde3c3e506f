package io.plantwatch.ingest.simulator.service;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * A Modbus TCP PLC on 127.0.0.1 holding the pump's values in holding registers as float32 (PLC4X tags are
 * 1-based): motor_current 1-2, pressure 3-4, vibration 5-6, temperature 7-8 (high word first, ABCD), and flow
 * 9-10 word-swapped (CDAB) like many meters do; register 11 holds the active fault code.
 */
public final class ModbusPumpSimulator implements AutoCloseable {

    public static final int UNIT_ID = 1;
    private static final int REGISTERS = 12;

    private final ModbusSlave slave;
    private final SimpleProcessImage image = new SimpleProcessImage(UNIT_ID);

    public ModbusPumpSimulator(int port) {
        for (int i = 0; i < REGISTERS; i++) {
            image.addRegister(new SimpleRegister(0));
        }
        try {
            slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
            slave.addProcessImage(UNIT_ID, image);
            slave.open();
        } catch (ModbusException e) {
            throw new IllegalStateException("cannot open the Modbus pump simulator on port " + port + ": " + e.getMessage(), e);
        }
    }

    public void update(PumpModel.State s) {
        floatAbcd(0, s.motorCurrent());
        floatAbcd(2, s.pressure());
        floatAbcd(4, s.vibration());
        floatAbcd(6, s.temperature());
        floatCdab(8, s.flow());
        image.getRegister(10).setValue(s.fault().ordinal());
    }

    private void floatAbcd(int register, double value) {
        int bits = Float.floatToIntBits((float) value);
        image.getRegister(register).setValue(bits >>> 16);
        image.getRegister(register + 1).setValue(bits & 0xFFFF);
    }

    private void floatCdab(int register, double value) {
        int bits = Float.floatToIntBits((float) value);
        image.getRegister(register).setValue(bits & 0xFFFF);
        image.getRegister(register + 1).setValue(bits >>> 16);
    }

    /** For tests: the register words of a float in ABCD order. */
    static int[] words(float value) {
        int bits = ByteBuffer.allocate(4).putFloat(value).getInt(0);
        return new int[] {bits >>> 16, bits & 0xFFFF};
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
