package org.crmsuite.customer.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;

import org.crmsuite.customer.config.CustomerProperties;
import org.crmsuite.customer.customer.Customer;
import org.crmsuite.customer.customer.CustomerDetails;
import org.crmsuite.customer.customer.CustomerRegistry;
import org.crmsuite.customer.customer.CustomerVisibility;
import org.crmsuite.customer.customer.DuplicateCandidate;
import org.crmsuite.customer.customer.DuplicateCheck;
import org.crmsuite.customer.customer.PostgresCopy;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.FieldViolation;
import org.crmsuite.platform.web.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports customers from a CSV stream: reads a batch of rows (never the whole file), checks each like a registration
 * (validation, standardisation, stage requirements, duplicates in the database and earlier in the file) and commits
 * the batch's customers, their events, the per-row outcomes and the progress together. Idempotent by import id: a
 * finished import answers its report; an unfinished one continues after its last committed row.
 */
@Service
public class CustomerImports {

    private static final Logger log = LoggerFactory.getLogger(CustomerImports.class);

    /** Longer fields are rejected without being kept (the longest customer field has 300 characters). */
    static final int MAX_FIELD = 4_000;
    static final int MAX_FIELDS = 200;

    public enum Status { RUNNING, COMPLETED }

    public enum Outcome { CREATED, DUPLICATE, REJECTED }

    public record Summary(String importId, Status status, String encoding, Map<String, String> columns, List<String> ignoredColumns,
                          int rowsProcessed, int created, int duplicates, int rejected, int attempts, String requestedBy,
                          Instant startedAt, Instant updatedAt, Instant finishedAt) {
    }

    public record RowReport(int row, long line, Outcome outcome, String legalName, UUID customerId, String customerCode,
                            List<DuplicateCandidate> candidates, List<FieldViolation> errors) {
    }

    private record Pending(int row, CsvReader.Record record) {
    }

    private final JdbcClient jdbc;
    private final PostgresCopy copy;
    private final CustomerRegistry registry;
    private final DuplicateCheck duplicates;
    private final Validator validator;
    private final EntityManager entities;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final CustomerProperties properties;

    CustomerImports(JdbcClient jdbc, PostgresCopy copy, CustomerRegistry registry, DuplicateCheck duplicates, Validator validator, EntityManager entities,
                    PlatformTransactionManager transactionManager, JsonMapper json, CustomerProperties properties) {
        this.jdbc = jdbc;
        this.copy = copy;
        this.registry = registry;
        this.duplicates = duplicates;
        this.validator = validator;
        this.entities = entities;
        this.transactions = new TransactionTemplate(transactionManager);
        this.json = json;
        this.properties = properties;
    }

    /**
     * Runs (or continues, or reports) an import. Problems with the file as a whole (empty, wrong encoding, no usable
     * header, a required column missing) are refused before anything is written; problems with a row are its outcome.
     */
    public Summary run(String importId, InputStream body, Charset charset, String mapping, CurrentUser user) throws IOException {
        return run(importId, body, charset, mapping, user, properties.importBatchSize());
    }

    /** As {@link #run(String, InputStream, Charset, String, CurrentUser)} with another batch size (tests, benchmarks). */
    Summary run(String importId, InputStream body, Charset charset, String mapping, CurrentUser user, int batchSize) throws IOException {
        CustomerVisibility.requireWriter(user);
        Summary existing = find(importId);
        if (existing != null) {
            requireOwner(existing, user);
            if (existing.status() == Status.COMPLETED) {
                return existing;
            }
        }
        Reader reader = ImportInput.open(body, charset);
        CsvReader csv = new CsvReader(reader, MAX_FIELD, MAX_FIELDS);
        CsvReader.Record header = csv.next();
        if (header == null || header.blank()) {
            throw CrmProblemException.invalid("file", "the first line must be a header naming the columns");
        }
        if (!header.problems().isEmpty()) {
            throw CrmProblemException.invalid(header.problems().stream()
                    .map(p -> new FieldViolation("header", p.reason())).toList());
        }
        ColumnMapping columns = ColumnMapping.of(header.fields(), mapping);
        String headerHash = sha256(String.join("\u0000", header.fields()) + "\u0000" + (mapping == null ? "" : mapping));
        start(importId, charset, headerHash, header.fields(), columns, user);
        try {
            int done = find(importId).rowsProcessed();
            List<Pending> batch = new ArrayList<>();
            int row = 0;
            CsvReader.Record record;
            while ((record = csv.next()) != null) {
                if (record.blank()) {
                    continue;
                }
                row++;
                if (row <= done) {
                    continue;
                }
                batch.add(new Pending(row, record));
                if (batch.size() == batchSize) {
                    process(importId, batch, columns, user);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                process(importId, batch, columns, user);
            }
            jdbc.sql("""
                            UPDATE customer_import SET status = 'COMPLETED', finished_at = :now, updated_at = :now, locked_until = NULL
                            WHERE id = :id""")
                    .param("now", Timestamp.from(Instant.now())).param("id", importId).update();
            return find(importId);
        } catch (IOException | RuntimeException e) {
            // the committed batches stay; the import continues after them when the same file is sent again
            jdbc.sql("UPDATE customer_import SET locked_until = NULL WHERE id = :id").param("id", importId).update();
            log.warn("import {} interrupted: {}", importId, e.toString());
            throw e;
        }
    }

    public Summary summary(String importId, CurrentUser user) {
        Summary summary = find(importId);
        if (summary == null) {
            throw CrmProblemException.notFound("import", importId);
        }
        requireOwner(summary, user);
        return summary;
    }

    public Page<RowReport> rows(String importId, Outcome outcome, Pageable page, CurrentUser user) {
        summary(importId, user);
        String where = "import_id = :id" + (outcome == null ? "" : " AND outcome = :outcome");
        long total = jdbc.sql("SELECT count(*) FROM customer_import_row WHERE " + where).param("id", importId)
                .params(outcome == null ? Map.of() : Map.of("outcome", outcome.name())).query(Long.class).single();
        List<RowReport> rows = jdbc.sql("SELECT * FROM customer_import_row WHERE " + where
                        + " ORDER BY row_number LIMIT :limit OFFSET :offset")
                .param("id", importId).params(outcome == null ? Map.of() : Map.of("outcome", outcome.name()))
                .param("limit", page.getPageSize()).param("offset", page.getOffset())
                .query((rs, n) -> new RowReport(rs.getInt("row_number"), rs.getLong("line_number"), Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("legal_name"), rs.getObject("customer_id", UUID.class), rs.getString("customer_code"),
                        rs.getString("candidates") == null ? List.of() : json.readValue(rs.getString("candidates"),
                                new TypeReference<List<DuplicateCandidate>>() { }),
                        rs.getString("errors") == null ? List.of() : json.readValue(rs.getString("errors"),
                                new TypeReference<List<FieldViolation>>() { })))
                .list();
        return new PageImpl<>(rows, page, total);
    }

    private void requireOwner(Summary summary, CurrentUser user) {
        if (!summary.requestedBy().equals(user.id()) && !user.hasAnyRole(CustomerVisibility.STEWARDS)) {
            throw new CrmProblemException(ProblemType.CONFLICT, "import id " + summary.importId() + " belongs to another user; "
                    + "choose another id");
        }
    }

    /** Creates the import on first sight and takes its lease; refuses a second request while one is running it. */
    private void start(String importId, Charset charset, String headerHash, List<String> header, ColumnMapping columns, CurrentUser user) {
        Map<String, String> columnNames = new LinkedHashMap<>();
        columns.columnsByField().forEach((field, index) -> columnNames.put(field, header.get(index).strip()));
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        INSERT INTO customer_import (id, requested_by, status, encoding, header_hash, columns, ignored_columns,
                                                     started_at, updated_at)
                        VALUES (:id, :by, 'RUNNING', :encoding, :hash, :columns, :ignored, :now, :now)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", importId).param("by", user.id()).param("encoding", charset == StandardCharsets.UTF_8 ? "UTF-8" : "GBK")
                .param("hash", headerHash).param("columns", json.writeValueAsString(columnNames))
                .param("ignored", json.writeValueAsString(columns.ignored())).param("now", now).update();
        String storedHash = jdbc.sql("SELECT header_hash FROM customer_import WHERE id = :id").param("id", importId)
                .query(String.class).single();
        if (!storedHash.equals(headerHash)) {
            throw new CrmProblemException(ProblemType.CONFLICT, "import " + importId + " was started with another header line or "
                    + "mapping; send the same file to continue it, or use a new import id");
        }
        int claimed = jdbc.sql("""
                        UPDATE customer_import SET locked_until = :until, attempts = attempts + 1, updated_at = :now
                        WHERE id = :id AND status = 'RUNNING' AND (locked_until IS NULL OR locked_until < :now)""")
                .param("until", Timestamp.from(now.toInstant().plus(properties.importLease()))).param("now", now)
                .param("id", importId).update();
        if (claimed == 0) {
            Summary current = find(importId);
            if (current.status() == Status.COMPLETED) {
                return;
            }
            throw new CrmProblemException(ProblemType.CONFLICT, "import " + importId + " is being processed by another request; "
                    + "GET /api/v1/customers/imports/" + importId + " shows its progress");
        }
    }

    /** One batch in one transaction; when something unexpected fails it, the rows go one by one so only the bad one fails. */
    private void process(String importId, List<Pending> batch, ColumnMapping columns, CurrentUser user) {
        try {
            long t0 = System.nanoTime();
            long[] recorded = new long[1];
            transactions.executeWithoutResult(status -> {
                record(importId, outcomes(importId, batch, columns, user));
                recorded[0] = System.nanoTime();
            });
            if (log.isDebugEnabled()) {
                log.debug("import {}: batch from row {}: {} ms in all, commit {} ms", importId, batch.get(0).row(),
                        (System.nanoTime() - t0) / 1_000_000, (System.nanoTime() - recorded[0]) / 1_000_000);
            }
        } catch (RuntimeException e) {
            log.warn("import {}: batch from row {} failed ({}); retrying its rows one by one", importId, batch.get(0).row(), e.toString());
            entities.clear();
            for (Pending pending : batch) {
                try {
                    transactions.executeWithoutResult(status -> record(importId, outcomes(importId, List.of(pending), columns, user)));
                } catch (RuntimeException rowFailure) {
                    entities.clear();
                    transactions.executeWithoutResult(status -> record(importId, List.<Object[]>of(rejected(importId, pending,
                            List.of(new FieldViolation("row", "could not be saved: " + rowFailure.getClass().getSimpleName()))))));
                }
            }
        }
    }

    /**
     * The outcome of each row of a batch: converted and validated one by one, checked for duplicates together (one
     * query per kind of fact for the batch, plus the batch's rows accepted before), registered together.
     */
    private List<Object[]> outcomes(String importId, List<Pending> batch, ColumnMapping columns, CurrentUser user) {
        long t0 = System.nanoTime();
        List<ImportRow.Converted> rows = batch.stream().map(p -> ImportRow.convert(p.record(), columns, validator, user)).toList();
        List<CustomerDetails> valid = rows.stream().filter(ImportRow.Converted::ok).map(ImportRow.Converted::details).toList();
        long t1 = System.nanoTime();
        DuplicateCheck.Batch check = duplicates.batch(valid);
        long t2 = System.nanoTime();
        CustomerRegistry.BatchRegistration registration = registry.batchRegistration(valid.size(), user);
        List<Object[]> outcomes = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            ImportRow.Converted row = rows.get(i);
            if (!row.ok()) {
                outcomes.add(rejected(importId, pending, row.rejected()));
                continue;
            }
            int at = index++;
            List<DuplicateCandidate> candidates = check.candidates(at);
            if (!candidates.isEmpty()) {
                outcomes.add(new Object[]{importId, pending.row(), pending.record().line(), Outcome.DUPLICATE.name(), row.details().legalName(),
                        null, null, json.writeValueAsString(candidates), null});
                continue;
            }
            Customer customer = registration.add(row.details(), row.stage(), row.ownerId(), row.department());
            check.accepted(at, customer.id(), customer.code(), customer.legalName());
            outcomes.add(new Object[]{importId, pending.row(), pending.record().line(), Outcome.CREATED.name(), customer.legalName(),
                    customer.id(), customer.code(), null, null});
        }
        long t3 = System.nanoTime();
        registration.persist();
        entities.clear();
        if (log.isDebugEnabled()) {
            log.debug("import {}: {} rows from row {}: convert {} ms, duplicate check {} ms, decide {} ms, write {} ms", importId, batch.size(),
                    batch.get(0).row(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
        }
        return outcomes;
    }

    private Object[] rejected(String importId, Pending pending, List<FieldViolation> reasons) {
        return new Object[]{importId, pending.row(), pending.record().line(), Outcome.REJECTED.name(), null, null, null, null,
                json.writeValueAsString(reasons)};
    }

    /** The rows' outcomes, the counters and the progress: committed with the batch's customers. */
    private void record(String importId, List<Object[]> outcomes) {
        int created = 0;
        int duplicate = 0;
        int rejected = 0;
        int last = 0;
        long t0 = System.nanoTime();
        // one COPY on the batch's own connection (a JDBC batch before): commits with the batch's customers
        PostgresCopy.Rows rows = new PostgresCopy.Rows(outcomes.size());
        outcomes.forEach(rows::add);
        copy.copy("customer_import_row (import_id, row_number, line_number, outcome, legal_name, customer_id, customer_code, "
                + "candidates, errors)", rows);
        for (Object[] o : outcomes) {
            switch (Outcome.valueOf((String) o[3])) {
                case CREATED -> created++;
                case DUPLICATE -> duplicate++;
                case REJECTED -> rejected++;
            }
            last = Math.max(last, (Integer) o[1]);
        }
        Instant now = Instant.now();
        jdbc.sql("""
                        UPDATE customer_import SET created = created + :created, duplicates = duplicates + :duplicates,
                               rejected = rejected + :rejected, rows_processed = greatest(rows_processed, :last),
                               updated_at = :now, locked_until = :until
                        WHERE id = :id""")
                .param("created", created).param("duplicates", duplicate).param("rejected", rejected).param("last", last)
                .param("now", Timestamp.from(now)).param("until", Timestamp.from(now.plus(properties.importLease())))
                .param("id", importId).update();
        if (log.isDebugEnabled()) {
            log.debug("import {}: {} row outcomes and progress written in {} ms", importId, outcomes.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }

    private Summary find(String importId) {
        return jdbc.sql("SELECT * FROM customer_import WHERE id = :id").param("id", importId)
                .query((rs, n) -> new Summary(rs.getString("id"), Status.valueOf(rs.getString("status")), rs.getString("encoding"),
                        json.readValue(rs.getString("columns"), new TypeReference<LinkedHashMap<String, String>>() { }),
                        json.readValue(rs.getString("ignored_columns"), new TypeReference<List<String>>() { }),
                        rs.getInt("rows_processed"), rs.getInt("created"), rs.getInt("duplicates"), rs.getInt("rejected"),
                        rs.getInt("attempts"), rs.getString("requested_by"), instant(rs.getTimestamp("started_at")),
                        instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("finished_at"))))
                .optional().orElse(null);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
