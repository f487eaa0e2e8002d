package io.trustbaseline.core.setting;

/**
 * Whose item is read or checked: a request's (every guardrail; {@code confirm} allowed; baseline-only fields refused)
 * or the trusted baseline's (forbidden policies only).
 */
public enum GuardScope {
    REQUEST, BASELINE
}
