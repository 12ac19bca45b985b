package org.crmsuite.customer.importing;

import java.io.IOException;
import java.nio.charset.Charset;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.crmsuite.platform.security.CurrentUser;
import org.crmsuite.platform.web.CrmProblemException;
import org.crmsuite.platform.web.PageResponse;
import org.crmsuite.platform.web.ProblemType;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/imports")
@Tag(name = "Import", description = "CSV import of customers, streamed, checked row by row, idempotent and resumable by import id")
class CustomerImportResource {

    static final String ID_PATTERN = "^[A-Za-z0-9._-]{1,100}$";
    static final String CSV_EXAMPLE = """
            公司名称,统一社会信用代码,电话,省份,城市,标签
            杭州云栖科技有限公司,91330106MA27XY812F,0571-88886666,浙江省,杭州市,重点客户;SaaS
            """;

    private final CustomerImports imports;

    CustomerImportResource(CustomerImports imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/{importId}", consumes = {"text/csv", "application/csv"})
    @Operation(summary = "Import customers from a CSV file", description = "The body is the file (text/csv), UTF-8 (a BOM is fine) or GBK: "
            + "encoding=UTF-8|GBK, or charset= in Content-Type. The first line names the columns: field names (legalName, uscc, phone, ...) "
            + "and common Chinese names (公司名称, 统一社会信用代码, 电话, ...) map by themselves; map others with "
            + "mapping=<column>=<field>,... . The file is streamed: rows are checked like a registration (validation, standardisation, "
            + "stage requirements, duplicates in the database and earlier in the file) and committed in batches with their events. "
            + "Each row is CREATED, DUPLICATE (with the candidates; nothing created) or REJECTED (with the reasons). Sending a finished "
            + "import id again answers its report and creates nothing; an interrupted one continues after its last committed row "
            + "when the same file is sent again with the same id.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "text/csv",
                    examples = @ExampleObject(value = CSV_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The import's summary (status COMPLETED); rows at GET /{importId}/rows")
    @ApiResponse(responseCode = "400", description = "validation-failed: an empty file, no header, a required column missing, a bad "
            + "mapping or import id; malformed-request: the upload broke off (send it again to continue)")
    @ApiResponse(responseCode = "409", description = "conflict: the import id is being processed by another request, belongs to "
            + "another user, or was started with another header")
    @ApiResponse(responseCode = "415", description = "unsupported-media-type: not text/csv, an encoding other than UTF-8 or GBK, "
            + "or bytes that are not valid in the declared encoding")
    CustomerImports.Summary importCsv(
            @Parameter(description = "Chosen by the client, 1 to 100 of A-Z a-z 0-9 . _ -", example = "crm-migration-2026-11-23")
            @PathVariable String importId,
            @Parameter(description = "UTF-8 (default) or GBK; wins over the Content-Type charset", example = "GBK")
            @RequestParam(required = false) String encoding,
            @Parameter(description = "column=field pairs separated by commas", example = "客户全称=legalName,联系电话=phone")
            @RequestParam(required = false) String mapping,
            HttpServletRequest request) {
        requireId(importId);
        Charset charset = ImportInput.charset(encoding, contentTypeCharset(request.getContentType()));
        try {
            return imports.run(importId, request.getInputStream(), charset, mapping, CurrentUser.current());
        } catch (IOException e) {
            throw new CrmProblemException(ProblemType.MALFORMED_REQUEST, "the upload broke off (" + e.getMessage() + "); the rows "
                    + "committed so far are kept: send the same file again with the same import id to continue");
        }
    }

    @GetMapping("/{importId}")
    @Operation(summary = "An import's summary: status, progress and counts per outcome")
    CustomerImports.Summary summary(@PathVariable String importId) {
        requireId(importId);
        return imports.summary(importId, CurrentUser.current());
    }

    @GetMapping("/{importId}/rows")
    @Operation(summary = "The outcome of each row, a page at a time, in file order",
            description = "CREATED rows name the customer; DUPLICATE rows the candidates (id, code, name, score, reasons); REJECTED "
                    + "rows the reasons (field, reason)")
    PageResponse<CustomerImports.RowReport> rows(@PathVariable String importId,
                                                 @Parameter(example = "REJECTED") @RequestParam(required = false) CustomerImports.Outcome outcome,
                                                 @PageableDefault(size = 50) Pageable page) {
        requireId(importId);
        return PageResponse.of(imports.rows(importId, outcome, page, CurrentUser.current()), row -> row);
    }

    private static void requireId(String importId) {
        if (!importId.matches(ID_PATTERN)) {
            throw CrmProblemException.invalid("importId", "must be 1 to 100 of A-Z a-z 0-9 . _ -");
        }
    }

    private static String contentTypeCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            Charset charset = MediaType.parseMediaType(contentType).getCharset();
            return charset == null ? null : charset.name();
        } catch (IllegalArgumentException e) {
            String raw = contentType.replaceAll("(?i).*charset=\"?([^;\"]+).*", "$1");
            return raw.equals(contentType) ? null : raw;
        }
    }
}
