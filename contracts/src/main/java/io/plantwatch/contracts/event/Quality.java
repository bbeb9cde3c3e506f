package io.plantwatch.contracts.event;

/** Quality of a sample, in the OPC UA sense: BAD values are kept but flagged. */
public enum Quality {
    GOOD, UNCERTAIN, BAD
}
