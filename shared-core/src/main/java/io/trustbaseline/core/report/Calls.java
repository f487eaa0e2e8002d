package io.trustbaseline.core.report;

/** Cloud API operations a request made: reads and writes, each retry attempt counted. */
public record Calls(long reads, long writes) {
    public static final Calls NONE = new Calls(0, 0);

    public Calls plus(Calls other) { return new Calls(reads + other.reads, writes + other.writes); }
}
