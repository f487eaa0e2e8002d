package io.trustbaseline.azure.local;

import com.microsoft.azure.functions.OutputBinding;

/** An output binding outside the Functions host: holds what the function set (null when it set nothing). */
public final class LocalOutput<T> implements OutputBinding<T> {
    private T value;

    @Override
    public T getValue() { return value; }

    @Override
    public void setValue(T value) { this.value = value; }
}
