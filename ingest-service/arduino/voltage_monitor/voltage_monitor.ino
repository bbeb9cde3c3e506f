/*
 * PlantWatch voltage monitor: prints one line per sample in PlantWatch's serial line protocol,
 *
 *     voltage:229.8,current:1.23
 *
 * which ingest-service reads with jSerialComm (device protocol "serial", port path + baud in the registry).
 *
 * Wiring (any 5 V board with a 10-bit ADC: Uno, Nano, Mega):
 *   A0  mains voltage through an isolated AC voltage sensor module (e.g. ZMPT101B), biased at mid-rail
 *   A1  load current through a current transformer or Hall sensor (e.g. ACS712-5A), biased at mid-rail
 * Both channels are sampled for whole mains cycles and reported as RMS values. Calibrate VOLTAGE_PER_COUNT and
 * AMPS_PER_COUNT against a reference meter; the defaults fit a ZMPT101B set for 250 V full scale and an
 * ACS712-5A (185 mV/A).
 *
 * Lines starting with '#' are comments: ingest ignores them (used for the boot banner).
 * Register the device first, e.g.
 *   {"id":"arduino-1","name":"Panel voltage monitor","site":"plant-1","protocol":"serial",
 *    "connection":{"serialPort":"/dev/ttyACM0","baud":115200},
 *    "channels":[{"name":"voltage","unit":"V","validLow":0,"validHigh":300,"expectedPeriodSeconds":1},
 *                {"name":"current","unit":"A","validLow":0,"validHigh":5,"expectedPeriodSeconds":1}]}
 */

const unsigned long BAUD = 115200;
const unsigned long REPORT_EVERY_MS = 1000;   // one sample per second (the device's expected period)
const unsigned long WINDOW_MS = 200;          // 10 cycles at 50 Hz, 12 at 60 Hz
const int VOLTAGE_PIN = A0;
const int CURRENT_PIN = A1;
const float VOLTAGE_PER_COUNT = 0.7325;       // V (RMS scale) per ADC count above the mid-rail bias
const float AMPS_PER_COUNT = 0.02639;         // 5 V / 1024 counts / 0.185 V per A

unsigned long lastReport = 0;

void setup() {
  Serial.begin(BAUD);
  analogReference(DEFAULT);
  Serial.println(F("# PlantWatch voltage_monitor 1.0"));
}

/* RMS of the AC part of an analog input over WINDOW_MS: the mean (the sensor's bias) is removed. */
float rmsCounts(int pin) {
  unsigned long start = millis();
  long n = 0;
  double sum = 0;
  double sumSquares = 0;
  while (millis() - start < WINDOW_MS) {
    int raw = analogRead(pin);
    sum += raw;
    sumSquares += (double) raw * raw;
    n++;
  }
  if (n == 0) {
    return 0;
  }
  double mean = sum / n;
  double variance = sumSquares / n - mean * mean;
  return variance > 0 ? sqrt(variance) : 0;
}

void loop() {
  unsigned long now = millis();
  if (now - lastReport < REPORT_EVERY_MS) {
    return;
  }
  lastReport = now;
  float voltage = rmsCounts(VOLTAGE_PIN) * VOLTAGE_PER_COUNT;
  float current = rmsCounts(CURRENT_PIN) * AMPS_PER_COUNT;
  Serial.print(F("voltage:"));
  Serial.print(voltage, 1);
  Serial.print(F(",current:"));
  Serial.println(current, 2);
}
