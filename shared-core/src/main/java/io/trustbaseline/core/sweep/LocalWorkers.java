package io.trustbaseline.core.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * C queue workers in this process, for local runs, tests and the benchmark: what the platform runs as C concurrent
 * function invocations. Each worker runs {@code loop} until it returns; a worker that fails fails the whole run.
 */
public final class LocalWorkers {
    private LocalWorkers() { }

    public static void run(int workers, Runnable loop) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1 (was " + workers + ")");
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "queue-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(loop));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a queue worker failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the queue workers ran", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
