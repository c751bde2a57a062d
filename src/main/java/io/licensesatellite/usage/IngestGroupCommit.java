package io.licensesatellite.usage;

import io.licensesatellite.usage.UsageStore.Submission;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Group commit: submissions from many callers queue here; one writer thread takes all that are waiting (up to the
 * configured number of reports) and stores them in one transaction. Each caller is answered after that commit, so
 * nothing a device was told is stored can be lost, and the cost of a durable commit is shared by the group. A group
 * that fails is retried one submission at a time, so one caller's fault never fails another's reports.
 */
@ApplicationScoped
public class IngestGroupCommit {
    private static final Logger LOG = Logger.getLogger(IngestGroupCommit.class);

    private final UsageStore store;
    private final int maxReports;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private Thread writer;
    private volatile boolean stopping;

    public IngestGroupCommit(UsageStore store, UsageConfig config) {
        this.store = store;
        this.maxReports = config.groupCommit().maxReports();
    }

    private record Pending(Submission submission, CompletableFuture<Map<Integer, IngestOutcome>> answer) {}

    /** Stores the submission in the next group; returns once that group has committed. */
    Map<Integer, IngestOutcome> store(Submission submission) {
        if (submission.reports().isEmpty()) {
            return Map.of();
        }
        Pending pending = new Pending(submission, new CompletableFuture<>());
        ensureWriter();
        queue.add(pending);
        try {
            return pending.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for usage reports to be stored", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Usage reports could not be stored", cause);
        }
    }

    private synchronized void ensureWriter() {
        if (writer == null || !writer.isAlive()) {
            if (stopping) {
                throw new IllegalStateException("The satellite is stopping; usage reports are not taken any more");
            }
            writer = new Thread(this::run, "usage-group-commit");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (!stopping) {
            try {
                group.clear();
                Pending first = queue.take();
                group.add(first);
                int reports = first.submission().reports().size();
                Pending next;
                while (reports < maxReports && (next = queue.peek()) != null
                        && reports + next.submission().reports().size() <= maxReports) {
                    group.add(queue.poll());
                    reports += next.submission().reports().size();
                }
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<Pending> group) {
        try {
            List<Map<Integer, IngestOutcome>> outcomes = store.store(group.stream().map(Pending::submission).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(outcomes.get(i));
            }
        } catch (RuntimeException groupFailure) {
            if (group.size() == 1) {
                if (groupFailure instanceof UsageStore.AllOrNothingRefused refused) {
                    group.get(0).answer().complete(refused.outcomes);
                } else {
                    group.get(0).answer().completeExceptionally(groupFailure);
                }
                return;
            }
            LOG.debugf("A group of %d submissions failed (%s); storing them one by one", group.size(), groupFailure.getMessage());
            for (Pending p : group) {
                try {
                    p.answer().complete(store.store(List.of(p.submission())).get(0));
                } catch (UsageStore.AllOrNothingRefused refused) {
                    p.answer().complete(refused.outcomes);
                } catch (RuntimeException e) {
                    p.answer().completeExceptionally(e);
                }
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        stopping = true;
        if (writer != null) {
            writer.interrupt();
        }
        Pending p;
        while ((p = queue.poll()) != null) {
            p.answer().completeExceptionally(new IllegalStateException("The satellite is stopping"));
        }
    }
}
