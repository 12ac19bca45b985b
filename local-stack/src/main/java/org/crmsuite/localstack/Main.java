package org.crmsuite.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code crm-local}: starts the local stack, prints where everything is, and stops it all on Ctrl-C (SIGINT) or
 * SIGTERM. Exits 1 when a part does not start, 2 on a bad command line.
 */
public final class Main {

    public static void main(String[] args) throws InterruptedException {
        if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
            System.out.print(LocalStackOptions.USAGE);
            return;
        }
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(args, Path.of("").toAbsolutePath());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.wipe()) {
            System.out.println("Wiping " + options.stateFolder());
        }
        StackHolder holder = new StackHolder();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (holder.isRunning()) {
                System.out.println();
                System.out.println("Stopping the CRM local stack ...");
                holder.close();
                System.out.println("Stopped.");
            } else {
                holder.close();
            }
            stopped.countDown();
        }, "local-stack-stop"));

        try {
            LocalStack stack = LocalStack.create(options, System.out);
            holder.set(stack);
            stack.start();
        } catch (StartupFailure failure) {
            if (holder.isStopping()) {
                stopped.await(); // Ctrl-C during the start: the shutdown hook reports and stops
                return;
            }
            System.err.println();
            System.err.println("The local stack did not start: " + failure.report(40));
            System.err.println("Everything that had started was stopped.");
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("The local stack did not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        Banner.print(holder.get(), System.out);
        stopped.await(); // until Ctrl-C or SIGTERM runs the shutdown hook
    }

    /** The running stack, for the shutdown hook, which may run while the stack is still starting. */
    private static final class StackHolder {

        private LocalStack stack;
        private boolean closed;

        synchronized void set(LocalStack created) {
            if (closed) {
                created.close();
            }
            stack = created;
        }

        synchronized LocalStack get() {
            return stack;
        }

        synchronized boolean isStopping() {
            return closed;
        }

        synchronized boolean isRunning() {
            return stack != null && !stack.isClosed();
        }

        void close() {
            LocalStack running;
            synchronized (this) {
                closed = true;
                running = stack;
            }
            if (running != null) {
                running.close();
            }
        }
    }

    private Main() {
    }
}
