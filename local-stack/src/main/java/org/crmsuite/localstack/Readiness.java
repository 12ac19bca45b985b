package org.crmsuite.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for a child process to answer 200 on its readiness URL, and gives up early when it dies or the start is aborted. */
final class Readiness {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    static void awaitHttpOk(ChildProcess process, URI url, Duration timeout, BooleanSupplier aborted, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (answersOk(url)) {
                return;
            }
            if (!process.isAlive()) {
                throw new StartupFailure(process.name(), "the process exited with code " + process.exitValue(), log);
            }
            if (aborted.getAsBoolean()) {
                throw new StartupFailure(process.name(), "start aborted because another part failed", log);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StartupFailure(process.name(), url + " did not answer 200 within " + timeout.toSeconds() + " s", log);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupFailure(process.name(), "interrupted", log, e);
            }
        }
    }

    static boolean answersOk(URI url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
