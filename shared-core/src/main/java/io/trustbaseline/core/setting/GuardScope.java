package io.trustbaseline.core.setting;

/** Whose item a guardrail check looks at: a request's (every guardrail) or the trusted baseline's (forbidden policies only). */
public enum GuardScope {
    REQUEST, BASELINE
}
